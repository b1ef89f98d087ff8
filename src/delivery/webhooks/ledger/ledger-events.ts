import { z } from 'zod';
import { nameBasedId } from '../../../kernel/ids.js';
import { PUBLIC_EVENT_TYPES } from '../../public-events/contract.js';

/**
 * The webhook ledger: everything about a subscriber's deliveries, as events in the log, one
 * stream per subscriber. Every instance folds these streams into its own delivery.sqlite, so
 * instances on different machines agree on subscribers, checkpoints, the outbox and every
 * attempt, and whichever holds the subscriber's lease delivers from where the last holder
 * stopped. Times are epoch milliseconds. Secrets appear only sealed (see secret-box.ts).
 */
export const LEDGER_STREAM_PREFIX = 'webhook-subscriber-';

export function ledgerStream(subscriberId: string): string {
  return `${LEDGER_STREAM_PREFIX}${subscriberId}`;
}

const cursor = z.string().min(1).max(200);
const sealedSecret = z.object({ alg: z.literal('A256GCM'), keyId: z.string(), iv: z.string(), tag: z.string(), ciphertext: z.string() });
const newDelivery = z.object({ eventId: z.string(), eventType: z.string(), articleId: z.string(), cursor, payload: z.string().nullable() });
const attemptRecord = z.object({
  attempt: z.number().int().min(1),
  startedAt: z.number(),
  durationMs: z.number(),
  outcome: z.enum(['delivered', 'retry', 'failed']),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
const decision = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delivered') }),
  z.object({ kind: z.literal('retry'), at: z.number() }),
  z.object({ kind: z.literal('park'), reason: z.string() }),
]);

export const LEDGER_EVENTS = {
  /** An admin registered the subscriber; deliveries start after `checkpoint` (null: the start of the log). */
  WebhookSubscriberRegistered: z.object({
    subscriberId: z.uuid(),
    url: z.string(),
    eventTypes: z.array(z.enum(PUBLIC_EVENT_TYPES)),
    topics: z.array(z.string()),
    description: z.string().nullable(),
    createdAt: z.number(),
    createdBy: z.string(),
    checkpoint: cursor.nullable(),
    secret: sealedSecret,
  }),
  /**
   * The deliverer read the log from `from` to `to` and found these deliveries. Folded only if
   * the subscriber is still in `generation` at `from`: a batch from a deliverer that lost its
   * lease, or from before a replay, changes nothing.
   */
  WebhookDeliveriesEnqueued: z.object({
    generation: z.number().int(),
    from: cursor.nullable(),
    to: cursor,
    at: z.number(),
    deliveries: z.array(newDelivery),
  }),
  /** One attempt at a delivery and what followed from it. */
  WebhookDeliveryAttempted: z.object({ deliveryId: z.uuid(), attempt: attemptRecord, decision }),
  /** An admin re-drove one parked delivery (with its article's chain), or all of them (deliveryId null). */
  WebhookDeliveriesRedriven: z.object({ deliveryId: z.uuid().nullable(), at: z.number(), by: z.string() }),
  /** An admin started the subscriber over from a position: a new generation. */
  WebhookSubscriberReplayed: z.object({ from: cursor.nullable(), at: z.number(), by: z.string() }),
  WebhookSubscriberDeleted: z.object({ at: z.number(), by: z.string() }),
} as const;

export type LedgerEventType = keyof typeof LEDGER_EVENTS;
export type LedgerEvent = {
  [K in LedgerEventType]: { readonly type: K; readonly data: z.infer<(typeof LEDGER_EVENTS)[K]> };
}[LedgerEventType];

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.hasOwn(LEDGER_EVENTS, type);
}

/** Parses a recorded ledger event; throws naming the event if its data does not fit. */
export function parseLedgerEvent(type: LedgerEventType, data: unknown): LedgerEvent {
  const parsed = LEDGER_EVENTS[type].safeParse(data);
  if (!parsed.success) throw new Error(`${type} does not match its schema: ${z.prettifyError(parsed.error)}`);
  return { type, data: parsed.data } as LedgerEvent;
}

/**
 * Event ids derived from what the event says, so an append retried after a lost answer is
 * stored once (the store's idempotent append), whichever instance retries it.
 */
export const ledgerEventId = {
  registered: (subscriberId: string) => nameBasedId('webhook-registered', subscriberId),
  /** `from` belongs in it: a batch refused for starting elsewhere must not hide a later valid one ending at the same place. */
  enqueued: (subscriberId: string, generation: number, from: string | null, to: string) =>
    nameBasedId('webhook-enqueued', subscriberId, String(generation), from ?? 'start', to),
  attempted: (deliveryId: string, attempt: number) => nameBasedId('webhook-attempted', deliveryId, String(attempt)),
};
