import type { EventStore } from '../../platform/event-store/event-store.port.js';
import { occurredAtOf, readArticleTrail, type TrailEvent } from '../article-trail.js';
import { revisionAt, stateAtRevision } from '../as-of/point-in-time.js';
import { diffStates, type StateDiff } from './article-diff.js';

export interface RevisionRef {
  readonly revision: number;
  readonly occurredAt: string;
}

export interface ArticleDiff extends StateDiff {
  readonly articleId: string;
  readonly from: RevisionRef;
  readonly to: RevisionRef;
}

/** Differences between the article's states at two revisions (`from` may be the later one). */
export async function articleDiff(store: EventStore, articleId: string, from: number, to: number): Promise<ArticleDiff> {
  const trail = await readArticleTrail(store, articleId);
  const fromRevision = revisionAt(articleId, trail, { revision: from });
  const toRevision = revisionAt(articleId, trail, { revision: to });
  return {
    articleId,
    from: refOf(trail, fromRevision),
    to: refOf(trail, toRevision),
    ...diffStates(stateAtRevision(trail, fromRevision), stateAtRevision(trail, toRevision)),
  };
}

function refOf(trail: readonly TrailEvent[], revision: number): RevisionRef {
  return { revision, occurredAt: occurredAtOf(trail[revision]!.recorded) };
}
