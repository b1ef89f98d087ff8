import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../platform/event-store/event-store.port.js';
import { StreamNotFoundError } from '../../platform/event-store/errors.js';
import { DENIALS_STREAM, type DenialView, toDenialView } from './denial.js';

export interface DenialsPage {
  /** Newest first. */
  readonly items: readonly DenialView[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  readonly next: number | null;
}

export interface DenialsPageRequest {
  readonly limit: number;
  /** Exclusive: only denials older than this revision of the denial stream. */
  readonly before?: number;
  /** Only denials of commands meant for this stream (e.g. `article-<id>`). */
  readonly streamId?: string;
}

/**
 * How many denials one filtered request reads at most. A filter is applied while reading, so
 * without a bound one request for a rarely refused article would read the whole stream; with
 * it, a page may hold fewer than `limit` items and still name a `next` to go on from.
 */
export const DENIAL_SCAN_WINDOW = 1_000;

export async function listDenials(
  store: EventStore,
  { limit, before, streamId }: DenialsPageRequest,
  scanWindow = DENIAL_SCAN_WINDOW,
): Promise<DenialsPage> {
  if (before !== undefined && before <= 0) return { items: [], next: null };
  const window = streamId === undefined ? limit : Math.max(scanWindow, limit);
  let events: RecordedEvent[];
  try {
    events = await store.readStream(DENIALS_STREAM, {
      direction: 'backwards',
      fromRevision: before === undefined ? 'end' : BigInt(before - 1),
      maxCount: window,
    });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return { items: [], next: null };
    throw error;
  }
  const read = events.map(toDenialView);
  const matching = streamId === undefined ? read : read.filter((denial) => denial.streamId === streamId);
  const items = matching.slice(0, limit);
  // Older denials remain if this page is full, or if the read stopped at the window, not at revision 0.
  const lastRead = items.length === limit ? items.at(-1) : read.length === window ? read.at(-1) : undefined;
  return { items, next: lastRead !== undefined && lastRead.revision > 0 ? lastRead.revision : null };
}

export class ListDenials extends Query<DenialsPage> {
  constructor(readonly page: DenialsPageRequest) {
    super();
  }
}

@QueryHandler(ListDenials)
export class ListDenialsHandler implements IQueryHandler<ListDenials> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ page }: ListDenials): Promise<DenialsPage> {
    return listDenials(this.store, page);
  }
}
