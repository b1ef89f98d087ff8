import { ARTICLE_EVENTS, type ArticleEventType } from '../../articles/model/events.js';
import { evolve } from '../../articles/model/evolve.js';
import type { ArticleState } from '../../articles/model/state.js';
import type { EventStore } from '../../platform/event-store/event-store.port.js';
import { readEventMetadata } from '../../platform/commands/event-metadata.js';
import { readArticleTrail } from '../article-trail.js';
import { InvalidAuditQueryError } from '../audit-errors.js';
import { summarize } from './event-summary.js';
import { type HistoryEntry, toHistoryEntry } from './history-entry.js';

export const MAX_HISTORY_PAGE = 500;

export interface HistoryRequest {
  /** First revision to list (inclusive); default 0. */
  readonly from?: number;
  readonly limit: number;
  /** Only these event types. */
  readonly types?: readonly string[];
  /** Only events whose command this principal sent. */
  readonly actor?: string;
}

export interface HistoryPage {
  readonly articleId: string;
  /** The stream's last revision: how far the history goes. */
  readonly latestRevision: number;
  readonly items: readonly HistoryEntry[];
  /** Pass as `from` for the next page; null when nothing more matches. */
  readonly next: number | null;
}

/**
 * A page of an article's history, oldest first. The whole stream is folded to write each
 * summary against the state the event applied to; an article's stream is small enough for
 * that, and it keeps summaries the same whatever page or filter is asked for.
 */
export async function articleHistory(store: EventStore, articleId: string, request: HistoryRequest): Promise<HistoryPage> {
  const types = eventTypes(request.types);
  const trail = await readArticleTrail(store, articleId);
  const from = request.from ?? 0;
  const matches: HistoryEntry[] = [];
  let state: ArticleState | null = null;
  let next: number | null = null;
  for (const { recorded, event } of trail) {
    const before = state;
    state = evolve(state, event);
    const revision = Number(recorded.revision);
    if (revision < from || (types !== undefined && !types.has(event.type))) continue;
    const entry = toHistoryEntry(recorded, summarize(event, before, readEventMetadata(recorded).actor?.displayName ?? 'Someone'));
    if (request.actor !== undefined && entry.actor?.id !== request.actor) continue;
    if (matches.length === request.limit) {
      next = revision;
      break;
    }
    matches.push(entry);
  }
  return { articleId, latestRevision: trail.length - 1, items: matches, next };
}

function eventTypes(types: readonly string[] | undefined): ReadonlySet<ArticleEventType> | undefined {
  if (types === undefined || types.length === 0) return undefined;
  const unknown = types.filter((type) => !ARTICLE_EVENTS.isEventType(type));
  if (unknown.length > 0) throw new InvalidAuditQueryError('type', `Unknown event type ${unknown.join(', ')}`);
  return new Set(types as ArticleEventType[]);
}
