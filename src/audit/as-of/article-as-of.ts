import type { ArticleState } from '../../articles/model/state.js';
import type { EventStore } from '../../platform/event-store/event-store.port.js';
import { occurredAtOf, readArticleTrail } from '../article-trail.js';
import { type PointInTime, revisionAt, stateAtRevision } from './point-in-time.js';

export interface ArticleAsOf {
  readonly articleId: string;
  /** What was asked: `{revision}` or `{at}` (ISO instant). */
  readonly asOf: { readonly revision: number } | { readonly at: string };
  /** The revision current at that point, and when its event occurred. */
  readonly revision: number;
  readonly occurredAt: string;
  readonly latestRevision: number;
  /** The whole state then: working copy, live copy, status, related links, verification… */
  readonly article: ArticleState;
}

/** The article as it was at a revision or instant, replayed from its stream. */
export async function articleAsOf(store: EventStore, articleId: string, point: PointInTime): Promise<ArticleAsOf> {
  const trail = await readArticleTrail(store, articleId);
  const revision = revisionAt(articleId, trail, point);
  return {
    articleId,
    asOf: 'revision' in point ? { revision: point.revision } : { at: point.at.toISOString() },
    revision,
    occurredAt: occurredAtOf(trail[revision]!.recorded),
    latestRevision: trail.length - 1,
    article: stateAtRevision(trail, revision),
  };
}
