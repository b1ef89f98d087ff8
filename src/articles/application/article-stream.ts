import type { CommandStream } from '../../platform/commands/command-stream.js';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '../../platform/event-store/event-store.port.js';
import { readStreamOrEmpty } from '../../platform/event-store/read-stream.js';
import type { ArticleCommand } from '../model/commands.js';
import { decide } from '../model/decide.js';
import { ARTICLE_EVENTS, type ArticleEvent } from '../model/events.js';
import { evolve } from '../model/evolve.js';
import type { ArticleState } from '../model/state.js';

/** Every event of an article's stream, oldest first; empty when the article does not exist. */
export function readArticleStream(store: EventStore, articleId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
  return readStreamOrEmpty(store, ARTICLE_EVENTS.streamName(articleId), options);
}

/** The article's decider on `article-<id>` streams, as the command runner runs it. */
export const ARTICLE_STREAM: CommandStream<ArticleState, ArticleCommand, ArticleEvent> = { events: ARTICLE_EVENTS, decide, evolve };
