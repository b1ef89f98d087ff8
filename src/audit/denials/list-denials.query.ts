import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
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
}

export async function listDenials(store: EventStore, { limit, before }: DenialsPageRequest): Promise<DenialsPage> {
  if (before !== undefined && before <= 0) return { items: [], next: null };
  try {
    const events = await store.readStream(DENIALS_STREAM, {
      direction: 'backwards',
      fromRevision: before === undefined ? 'end' : BigInt(before - 1),
      maxCount: limit,
    });
    const items = events.map(toDenialView);
    const oldest = items.at(-1);
    return { items, next: items.length === limit && oldest !== undefined && oldest.revision > 0 ? oldest.revision : null };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return { items: [], next: null };
    throw error;
  }
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
