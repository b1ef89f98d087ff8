import type { EventStore } from '../../../platform/event-store/event-store.port.js';
import { decodeCursor } from '../../public-events/cursor.js';
import { ARTICLE_STREAMS, PublicEventProjector } from '../../public-events/public-event-projector.js';
import type { DeliveryRecord } from './outbox.js';

/**
 * Payloads up to this size travel in the webhook ledger; larger ones (a very long article) are
 * left out and derived from the log when sent, so a ledger batch stays well under the stores'
 * append limit (1 MiB, EventStoreDB's default) however long an article is.
 */
export const INLINE_PAYLOAD_MAX_BYTES = 192 * 1024;

/** The payload to keep in the ledger, or null to derive it from the log at send time. */
export function inlinePayload(json: string): string | null {
  return Buffer.byteLength(json) <= INLINE_PAYLOAD_MAX_BYTES ? json : null;
}

/**
 * The exact bytes a delivery sends. A payload left out of the ledger is mapped again from the
 * article event at the delivery's cursor; the mapping depends only on the log up to that event,
 * so every attempt, on every instance, sends the same bytes.
 */
export async function payloadOf(store: EventStore, delivery: Pick<DeliveryRecord, 'payload' | 'cursor' | 'eventId'>): Promise<string> {
  if (delivery.payload !== null) return delivery.payload;
  const position = decodeCursor(delivery.cursor);
  if (position === undefined) throw new Error(`Delivery of event ${delivery.eventId} has an unreadable cursor ${delivery.cursor}`);
  const [recorded] = await store.readAll({ fromPosition: position, maxCount: 1, filter: ARTICLE_STREAMS });
  const mapped = recorded === undefined ? null : await new PublicEventProjector(store).project(recorded);
  if (mapped?.event.id !== delivery.eventId)
    throw new Error(`The log no longer yields public event ${delivery.eventId} at ${delivery.cursor}`);
  return JSON.stringify(mapped.event);
}
