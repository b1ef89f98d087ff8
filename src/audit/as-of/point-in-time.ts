import { fold } from '../../articles/model/evolve.js';
import { parseInstant } from '../../kernel/instant.js';
import type { ArticleState } from '../../articles/model/state.js';
import { occurredAtOf, type TrailEvent } from '../article-trail.js';
import { InvalidAuditQueryError, NoSuchRevisionError } from '../audit-errors.js';

/** A point in an article's life: a stream revision, or an instant. */
export type PointInTime = { readonly revision: number } | { readonly at: Date };

/**
 * The revision that was current at the point. For an instant: the last event of the longest
 * prefix of the stream whose events all occurred (metadata.occurredAt) at or before it; with a
 * clock that never steps back, simply the last event that occurred at or before the instant.
 * Stopping at the first later event keeps the answer a real past state of the stream even if
 * a clock did step back.
 */
export function revisionAt(articleId: string, trail: readonly TrailEvent[], point: PointInTime): number {
  const latestRevision = trail.length - 1;
  if ('revision' in point) {
    if (point.revision > latestRevision) {
      throw new NoSuchRevisionError(articleId, `Article ${articleId} has revisions 0 to ${latestRevision}, not ${point.revision}`, {
        latestRevision,
      });
    }
    return point.revision;
  }
  const instant = point.at.getTime();
  const later = trail.findIndex(({ recorded }) => Date.parse(occurredAtOf(recorded)) > instant);
  const revision = (later < 0 ? trail.length : later) - 1;
  if (revision < 0) {
    const createdAt = trail[0] === undefined ? undefined : occurredAtOf(trail[0].recorded);
    throw new NoSuchRevisionError(
      articleId,
      `Article ${articleId} did not exist yet at ${point.at.toISOString()}${createdAt === undefined ? '' : `; it was drafted at ${createdAt}`}`,
      { latestRevision, ...(createdAt === undefined ? {} : { createdAt }) },
    );
  }
  return revision;
}

/** The article as it stood at a revision: the stream prefix folded by the domain's own evolve. */
export function stateAtRevision(trail: readonly TrailEvent[], revision: number): ArticleState {
  const state = fold(trail.slice(0, revision + 1).map(({ event }) => event));
  if (state === null) throw new Error(`Revision ${revision} of a stream folds to no article`);
  return state;
}

/** `?revision=` and `?at=` (or the CLI's one argument): exactly one, and well formed. */
export function pointInTime(input: { readonly revision?: number | undefined; readonly at?: string | undefined }): PointInTime {
  if (input.revision !== undefined && input.at !== undefined) {
    throw new InvalidAuditQueryError('at', 'Ask for a revision or an instant (at), not both');
  }
  if (input.revision !== undefined) {
    if (!Number.isSafeInteger(input.revision) || input.revision < 0) {
      throw new InvalidAuditQueryError('revision', 'revision must be a whole number from 0');
    }
    return { revision: input.revision };
  }
  if (input.at === undefined) throw new InvalidAuditQueryError('revision', 'Ask for ?revision=N or ?at=<ISO 8601 instant>');
  const at = parseInstant(input.at);
  if (at === undefined) {
    throw new InvalidAuditQueryError('at', 'at must be an ISO 8601 date-time with a time zone, e.g. 2025-01-20T08:00:00+07:00');
  }
  return { at };
}

/** The CLI's `<rev|time>`: digits are a revision, anything else must be an instant. */
export function parsePointInTime(text: string): PointInTime {
  return /^\d+$/.test(text) ? pointInTime({ revision: Number(text) }) : pointInTime({ at: text });
}
