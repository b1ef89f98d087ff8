import type { ArticleState } from '../model/state.js';

/**
 * What the API answers about an article: the state rebuilt from its stream. It is plain JSON
 * already, `revision` included (also the ETag); this is the one place to reshape it.
 */
export type ArticleView = ArticleState;

export function toArticleView(state: ArticleState): ArticleView {
  return state;
}
