import type { EventData, EventStore, JsonValue, ReadStreamOptions, RecordedEvent } from '../../event-store/event-store.port.js';
import { StreamNotFoundError } from '../../event-store/errors.js';
import { type ArticleEvent, isArticleEventType } from '../domain/events.js';

export const ARTICLE_CATEGORY = 'article';

export function articleStreamName(articleId: string): string {
  return `${ARTICLE_CATEGORY}-${articleId}`;
}

export function articleIdFromStream(streamId: string): string | undefined {
  return streamId.startsWith(`${ARTICLE_CATEGORY}-`) ? streamId.slice(ARTICLE_CATEGORY.length + 1) : undefined;
}

/** The shape our events are stored in: the domain event's data as JSON, the type as the event type. */
export function toArticleEvent(recorded: RecordedEvent): ArticleEvent {
  if (!isArticleEventType(recorded.type)) {
    throw new Error(`Stream ${recorded.streamId} holds an unknown event type ${recorded.type} at ${String(recorded.revision)}`);
  }
  return { type: recorded.type, data: recorded.data } as unknown as ArticleEvent;
}

export function toEventData(event: ArticleEvent, id: string, metadata: JsonValue): EventData {
  return { id, type: event.type, data: event.data as unknown as JsonValue, metadata };
}

/** Every event of an article's stream, oldest first; empty when the article does not exist. */
export async function readArticleStream(
  store: EventStore,
  articleId: string,
  options?: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(articleStreamName(articleId), options);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
