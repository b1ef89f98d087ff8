import { ARTICLE_EVENTS } from '../articles/model/events.js';
import { readArticleStream } from '../articles/application/article-stream.js';
import type { ArticleEvent } from '../articles/model/events.js';
import type { EventStore, RecordedEvent } from '../platform/event-store/event-store.port.js';
import { readEventMetadata } from '../platform/commands/event-metadata.js';
import { AuditedArticleNotFoundError } from './audit-errors.js';

/** One event of an article's stream, as stored and as the domain reads it. */
export interface TrailEvent {
  readonly recorded: RecordedEvent;
  readonly event: ArticleEvent;
}

/**
 * The whole stream of an article, oldest first, for the audit queries. Always the stream
 * itself (never a read model or snapshot), folded by callers with the domain's own evolve.
 */
export async function readArticleTrail(store: EventStore, articleId: string): Promise<TrailEvent[]> {
  const recorded = await readArticleStream(store, articleId);
  if (recorded.length === 0) throw new AuditedArticleNotFoundError(articleId);
  return recorded.map((event) => ({ recorded: event, event: ARTICLE_EVENTS.event(event) }));
}

/** When the command was decided (metadata.occurredAt); the store's write time only for events without it. */
export function occurredAtOf(recorded: RecordedEvent): string {
  const occurredAt = readEventMetadata(recorded).occurredAt;
  return typeof occurredAt === 'string' ? occurredAt : recorded.created.toISOString();
}
