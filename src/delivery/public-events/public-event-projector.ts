import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import type { EventFilter, EventStore, RecordedEvent } from '../../platform/event-store/event-store.port.js';
import { ArticleHistory } from './article-history.js';
import {
  linkedArticleIds,
  type MappedPublicEvent,
  PUBLIC_SOURCE_TYPES,
  type RelatedTarget,
  type SourceEvent,
  toPublicEvent,
} from './to-public-event.js';

/** Public events come only from article streams; the store filters the rest out. */
export const ARTICLE_STREAMS: EventFilter = { on: 'streamName', prefixes: [`${ARTICLE_EVENTS.category}-`] };

/**
 * Turns the log, read forwards, into public events: the I/O shell around toPublicEvent. It folds
 * the article up to each event and resolves related articles' live headline and slug as of the
 * event's position, so the same event always maps to the same payload (a re-delivery or replay
 * sends identical bytes). One projector per reader: it caches what that reader has folded.
 */
export class PublicEventProjector {
  private readonly history: ArticleHistory;

  constructor(store: EventStore) {
    this.history = new ArticleHistory(store);
  }

  async project(recorded: RecordedEvent): Promise<MappedPublicEvent | null> {
    const articleId = ARTICLE_EVENTS.idFromStream(recorded.streamId);
    if (articleId === undefined || !ARTICLE_EVENTS.isEventType(recorded.type)) return null;
    const event = ARTICLE_EVENTS.event(recorded);
    let mapped: MappedPublicEvent | null = null;
    if (PUBLIC_SOURCE_TYPES.has(event.type)) {
      const before = await this.history.stateBefore(articleId, recorded.position, recorded.revision);
      const source: SourceEvent = { id: recorded.id, articleId, revision: recorded.revision, position: recorded.position, event };
      const targets = new Map<string, RelatedTarget>();
      for (const targetId of linkedArticleIds(source, before)) {
        const live = (await this.history.stateBefore(targetId, recorded.position))?.live;
        if (live) targets.set(targetId, { slug: live.slug, headline: live.content.headline });
      }
      mapped = toPublicEvent(source, before, targets);
    }
    this.history.advance(articleId, recorded);
    return mapped;
  }
}
