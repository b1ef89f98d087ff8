import { comparePositions, type EventStore, type Position } from '../../platform/event-store/event-store.port.js';
import type { PublicEvent } from '../public-events/contract.js';
import { ARTICLE_STREAMS, PublicEventProjector } from '../public-events/public-event-projector.js';

export interface FeedPage {
  readonly events: readonly PublicEvent[];
  /** Where the scan stopped: the last event returned, or further if it read past internal events. */
  readonly next: Position | undefined;
  /** The scan reached the end of the log: poll again later (or use the stream). */
  readonly endOfFeed: boolean;
}

export interface FeedPageRequest {
  /** Exclusive; undefined: from the beginning of the log. */
  readonly after: Position | undefined;
  readonly limit: number;
  readonly scanLimit: number;
}

const READ_CHUNK = 256;

/**
 * One page of the public feed, computed from the log itself: article events after the cursor,
 * mapped, until the page is full, the log ends, or `scanLimit` article events were read. The last
 * bound is what keeps a stretch of internal-only events (a long review, many drafts) from
 * turning one request into a scan of the whole log: the page comes back short, maybe empty,
 * with a cursor past what was read, and the next request goes on from there.
 */
export async function readFeedPage(store: EventStore, request: FeedPageRequest): Promise<FeedPage> {
  const projector = new PublicEventProjector(store);
  const events: PublicEvent[] = [];
  let next = request.after;
  let scanned = 0;
  for (;;) {
    const wanted = Math.min(READ_CHUNK, request.scanLimit - scanned);
    // readAll starts at its position inclusively; the event at the cursor was served already.
    const extra = next === undefined ? 0 : 1;
    const batch = await store.readAll({ fromPosition: next ?? 'start', maxCount: wanted + extra, filter: ARTICLE_STREAMS });
    for (const recorded of batch) {
      if (next !== undefined && comparePositions(recorded.position, next) <= 0) continue;
      scanned += 1;
      next = recorded.position;
      const mapped = await projector.project(recorded);
      if (mapped === null) continue;
      events.push(mapped.event);
      if (events.length >= request.limit) return { events, next, endOfFeed: false };
    }
    if (batch.length < wanted + extra) return { events, next, endOfFeed: true };
    if (scanned >= request.scanLimit) return { events, next, endOfFeed: false };
  }
}
