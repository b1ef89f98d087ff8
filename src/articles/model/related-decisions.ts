import { isBlank } from './content-rules.js';
import type { DecideContext } from '../../kernel/decider.js';
import type { Data } from './commands.js';
import { stamp } from './decision-support.js';
import { ArticleRuleViolation } from './errors.js';
import type { ArticleEvent, RelatedLink } from './events.js';
import { invalid, requireStatus } from './guards.js';
import { MAX_RELATED } from './rules.js';
import type { ArticleState } from './state.js';

/** "Baca Juga": links to related articles, which change neither status nor verification. */

export function linkRelated(state: ArticleState, data: Data<'LinkRelated'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'LinkRelated');
  const { relatedArticleId, afterBlock } = data;
  if (isBlank(relatedArticleId)) throw invalid('relatedArticleId', 'Name the related article');
  if (relatedArticleId === state.id) {
    throw new ArticleRuleViolation('related_self', 'An article cannot be related to itself', {
      issues: [{ path: 'relatedArticleId', message: 'This is the article itself' }],
    });
  }
  if (!data.target.exists) {
    throw new ArticleRuleViolation('related_not_found', `Related article ${relatedArticleId} does not exist`, {
      issues: [{ path: 'relatedArticleId', message: 'No such article' }],
    });
  }
  if (isLinked(state, relatedArticleId)) {
    throw new ArticleRuleViolation('related_duplicate', `Article ${relatedArticleId} is already linked`);
  }
  if (state.related.length >= MAX_RELATED) {
    throw new ArticleRuleViolation('related_limit', `An article links at most ${MAX_RELATED} related articles`);
  }
  const blocks = state.content.body.length;
  if (afterBlock !== undefined && !(Number.isInteger(afterBlock) && afterBlock >= 0 && afterBlock < blocks)) {
    const range = blocks === 0 ? 'the body has no blocks yet; leave it out' : `use a block index from 0 to ${blocks - 1}`;
    throw invalid('afterBlock', `afterBlock ${afterBlock} is outside the working body: ${range}`);
  }
  const link: RelatedLink = afterBlock === undefined ? { relatedArticleId } : { relatedArticleId, afterBlock };
  return [{ type: 'RelatedLinked', data: { ...link, ...stamp(ctx) } }];
}

export function unlinkRelated(state: ArticleState, data: Data<'UnlinkRelated'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'UnlinkRelated');
  if (!isLinked(state, data.relatedArticleId)) {
    throw new ArticleRuleViolation('related_not_linked', `Article ${data.relatedArticleId} is not linked`);
  }
  return [{ type: 'RelatedUnlinked', data: { relatedArticleId: data.relatedArticleId, ...stamp(ctx) } }];
}

function isLinked(state: ArticleState, relatedArticleId: string): boolean {
  return state.related.some((link) => link.relatedArticleId === relatedArticleId);
}
