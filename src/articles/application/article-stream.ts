import type { EventStore, ReadStreamOptions, RecordedEvent } from '../../platform/event-store/event-store.port.js';
import type { CommandStream } from '../../platform/commands/command-stream.js';
import { idFromStream, streamNameOf } from '../../kernel/streams.js';
import { domainEventReader, readStreamOrEmpty } from '../../platform/commands/streams.js';
import type { ArticleCommand } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { type ArticleEvent, EVENT_SCHEMA_VERSION, isArticleEventType } from '../domain/events.js';
import { evolve } from '../domain/evolve.js';
import type { ArticleState } from '../domain/state.js';

export { toEventData } from '../../platform/commands/streams.js';

export const ARTICLE_CATEGORY = 'article';

export function articleStreamName(articleId: string): string {
  return streamNameOf(ARTICLE_CATEGORY, articleId);
}

export function articleIdFromStream(streamId: string): string | undefined {
  return idFromStream(ARTICLE_CATEGORY, streamId);
}

export const toArticleEvent: (recorded: RecordedEvent) => ArticleEvent = domainEventReader<ArticleEvent>(isArticleEventType);

/** Every event of an article's stream, oldest first; empty when the article does not exist. */
export function readArticleStream(store: EventStore, articleId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
  return readStreamOrEmpty(store, articleStreamName(articleId), options);
}

/** The article's decider on `article-<id>` streams, as the command executor runs it. */
export const ARTICLE_STREAM: CommandStream<ArticleState, ArticleCommand, ArticleEvent> = {
  category: ARTICLE_CATEGORY,
  decide,
  evolve,
  schemaVersions: EVENT_SCHEMA_VERSION,
  toEvent: toArticleEvent,
};
