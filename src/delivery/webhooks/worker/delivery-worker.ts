import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { EventStore, Position } from '../../../platform/event-store/event-store.port.js';
import { type FollowedBatch, LogFollower } from '../../../platform/log-follower/log-follower.js';
import type { DeliveryConfig } from '../../delivery-config.js';
import { decodeCursor, encodeCursor } from '../../public-events/cursor.js';
import { ARTICLE_STREAMS, PublicEventProjector } from '../../public-events/public-event-projector.js';
import type { MappedPublicEvent } from '../../public-events/to-public-event.js';
import { inlinePayload, payloadOf } from '../deliveries/delivery-payload.js';
import type { AttemptDecision, DeliveryRecord, NewDelivery, Outbox } from '../deliveries/outbox.js';
import { subscriberWants } from '../subscribers/subscriber-filter.js';
import type { WebhookLedger } from '../ledger/webhook-ledger.js';
import type { Subscriber, SubscriberStore } from '../subscribers/subscriber-store.js';
import { retryDelayMs } from '../../../platform/retry/backoff.js';
import type { DeliveryLease } from './lease.js';
import { WakeSignal } from '../../../platform/retry/wake-signal.js';
import { postWebhook, type WebhookOutcome } from './webhook-client.js';

export interface DeliveryWorkerDeps {
  readonly store: EventStore;
  readonly outbox: Outbox;
  readonly ledger: WebhookLedger;
  readonly subscribers: SubscriberStore;
  readonly lease: DeliveryLease;
  readonly config: DeliveryConfig['webhooks'];
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * Deliveries per ledger event while catching up, and a cap on their payload bytes: with the
 * largest inline payload on top, and JSON escaping that can double them, a batch stays well
 * under the 1 MiB both stores take per append.
 */
const ENQUEUE_BATCH = 64;
const ENQUEUE_BATCH_BYTES = 128 * 1024;
/** Without deliveries to write, the checkpoint goes into the ledger at most this often (it only spares a re-read). */
const CHECKPOINT_EVERY_MS = 60_000;
/** Longest sleep of either loop: a safety net, notifications normally wake them. */
const IDLE_MS = 1_000;
const READ_RETRY_MS = 1_000;
/** On a graceful stop, requests already out get this long to be answered (fewer repeats after a deploy). */
const STOP_GRACE_MS = 2_000;

/**
 * Delivers one subscriber's webhooks with two loops over its outbox.
 * - The reader follows the log from the subscriber's checkpoint in the ledger, maps each event,
 *   and writes the ones the subscriber wants to the ledger together with the new checkpoint
 *   (one event, which the fold accepts only if it continues from the current checkpoint).
 *   It stops reading while too many deliveries are pending, so a dead receiver cannot make the
 *   outbox grow without bound.
 * - The sender sends each article's oldest undelivered delivery (several articles at a time,
 *   one at a time per article), records every attempt in the ledger, retries with backoff, parks.
 * A delivery stays pending until its 2xx is recorded, so one in flight when the process dies
 * is sent again after a restart: at least once, deduplicated by receivers on the event id.
 */
export class DeliveryWorker {
  private readonly stopping = new AbortController();
  private readonly abortRequests = new AbortController();
  private readonly senderWake = new WakeSignal();
  private readonly readerWake = new WakeSignal();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private reader: LogFollower | undefined;
  private restartRequested = false;
  private running: Promise<void> | undefined;

  constructor(
    readonly subscriberId: string,
    private readonly deps: DeliveryWorkerDeps,
  ) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.running ??= this.run();
  }

  /**
   * Stops reading and starting attempts. Attempts in flight get a short grace to be answered;
   * after it they are abandoned and stay pending (sent again by whoever delivers next).
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    const grace = setTimeout(() => this.abortRequests.abort(), STOP_GRACE_MS);
    await this.running;
    clearTimeout(grace);
  }

  /** Something changed in the outbox (a re-drive): look now rather than at the next tick. */
  wake(): void {
    this.senderWake.notify();
  }

  /** The subscriber was replayed: read the log again from its new checkpoint. */
  restart(): void {
    this.restartRequested = true;
    this.readerWake.notify();
    this.senderWake.notify();
    this.reader?.restart();
  }

  private async run(): Promise<void> {
    // A lost lease (another process took over) ends a round; the worker then waits to get it back.
    // Nothing ends the worker but a stop or the subscriber's deletion: an unreachable event store
    // is waited out, never left to crash the process or to end delivery silently.
    while (!this.stopping.signal.aborted && this.deps.subscribers.get(this.subscriberId) !== undefined) {
      try {
        await this.round();
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        this.deps.logger.warn(
          { err: error, subscriberId: this.subscriberId },
          'Webhook delivery interrupted (is the event store reachable?); trying again',
        );
        await delay(READ_RETRY_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  /** One turn of holding the lease: from taking it to losing or releasing it. */
  private async round(): Promise<void> {
    const lease = await this.deps.lease.acquire(this.subscriberId, this.stopping.signal);
    if (lease === undefined) return;
    const stop = AbortSignal.any([this.stopping.signal, lease.lost]);
    stop.addEventListener('abort', () => {
      this.readerWake.notify();
      this.senderWake.notify();
      void this.reader?.stop();
    });
    // Without the lease, a request still out could race the new holder's: abort at once.
    const requests = AbortSignal.any([this.abortRequests.signal, lease.lost]);
    try {
      // What the last holder recorded must be folded here before anything is sent.
      if (await this.caughtUp(stop)) await Promise.all([this.readLoop(stop), this.sendLoop(stop, requests)]);
    } finally {
      const lost = lease.lost.aborted && !this.stopping.signal.aborted;
      await lease.release();
      if (lost)
        this.deps.logger.warn({ subscriberId: this.subscriberId }, 'Delivery lease lost; another process delivers for this subscriber now');
    }
  }

  private async caughtUp(stop: AbortSignal): Promise<boolean> {
    try {
      await this.deps.ledger.catchUp(this.subscriberId);
      return true;
    } catch (error) {
      if (stop.aborted) return false;
      this.deps.logger.warn(
        { err: error, subscriberId: this.subscriberId },
        'Could not read the webhook ledger after taking the lease; trying again',
      );
      await delay(READ_RETRY_MS, undefined, { signal: stop }).catch(() => undefined);
      return false;
    }
  }

  /**
   * Follows the log from the subscriber's checkpoint in the ledger for as long as the lease is held:
   * after a refused batch, a replay or a lost connection it follows again from the ledger's checkpoint.
   */
  private async readLoop(stop: AbortSignal): Promise<void> {
    let reading: ReadState | undefined;
    const reader = new LogFollower({
      name: `webhook delivery ${this.subscriberId}`,
      store: this.deps.store,
      logger: this.deps.logger,
      filter: ARTICLE_STREAMS,
      retry: { initialDelayMs: READ_RETRY_MS, maxDelayMs: 30_000 },
      from: () => {
        const subscriber = this.deps.subscribers.get(this.subscriberId);
        if (subscriber === undefined) throw new SubscriberGoneError(this.subscriberId);
        this.restartRequested = false;
        reading = new ReadState(subscriber, this.deps.store, this.now());
        const start = subscriber.checkpoint === null ? 'start' : decodeCursor(subscriber.checkpoint);
        if (start === undefined) throw new Error(`Subscriber ${subscriber.id} has an unreadable checkpoint ${subscriber.checkpoint}`);
        return start;
      },
      handle: (batch) => this.read(batch, reading!, stop),
      onFailure: (error) => (error instanceof SubscriberGoneError ? 'stop' : 'retry'),
      failureContext: () => ({ subscriberId: this.subscriberId }),
      retryMessage: 'Webhook worker lost the event log; resubscribing from its checkpoint',
    });
    this.reader = reader;
    if (stop.aborted) return;
    try {
      await reader.run();
    } catch (error) {
      if (!(error instanceof SubscriberGoneError)) throw error;
    } finally {
      this.reader = undefined;
    }
  }

  /** One batch of the log: map what the subscriber wants and write it to the ledger with the checkpoint. */
  private async read(batch: FollowedBatch, state: ReadState, stop: AbortSignal): Promise<void> {
    for (const event of batch.events) {
      if (!(await this.roomFor(state.deliveries.length, () => this.flush(state, true), stop))) return;
      const mapped = await state.projector.project(event);
      if (mapped !== null && subscriberWants(state.subscriber, mapped)) state.add(toDelivery(mapped));
      state.position = event.position;
      if (state.full()) await this.flush(state, true);
      if (this.restartRequested) return;
    }
    if (batch.position !== undefined) state.position = batch.position;
    // Live events go out at once; while catching up a checkpoint goes into the ledger only now and then.
    await this.flush(state, false);
  }

  /** Writes what was read to the ledger; a refused batch (replayed, deleted, or another deliverer) restarts the reading. */
  private async flush(state: ReadState, force: boolean): Promise<void> {
    if (state.position === undefined || (state.deliveries.length === 0 && !force && this.now() - state.writtenAt < CHECKPOINT_EVERY_MS))
      return;
    const to = encodeCursor(state.position);
    const { subscriber } = state;
    const accepted = await this.deps.ledger.enqueue(subscriber.id, {
      generation: subscriber.generation,
      from: state.written,
      to,
      deliveries: state.deliveries,
      at: this.now(),
    });
    if (!accepted) this.restart();
    else if (state.deliveries.length > 0) this.senderWake.notify();
    state.written = to;
    state.writtenAt = this.now();
    state.clear();
  }

  /** Waits while the outbox is full; false if the worker must stop reading meanwhile. */
  private async roomFor(batched: number, flush: () => Promise<void>, stop: AbortSignal): Promise<boolean> {
    while (this.deps.outbox.pendingCount(this.subscriberId) + batched >= this.deps.config.maxPending) {
      // What was read so far goes out first, so the sender has it while the reader waits.
      await flush();
      batched = 0;
      await this.readerWake.wait(IDLE_MS);
      if (stop.aborted || this.restartRequested) return false;
    }
    return true;
  }

  private async sendLoop(stop: AbortSignal, requests: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      const subscriber = this.deps.subscribers.get(this.subscriberId);
      if (subscriber === undefined) break;
      const free = this.deps.config.concurrency - this.inFlight.size;
      if (free > 0) {
        for (const delivery of this.deps.outbox.dueHeads(subscriber.id, this.now(), [...this.inFlight.keys()], free)) {
          const attempt = this.attempt(subscriber, delivery, requests)
            .catch(async (error: unknown) => {
              // Not recorded: it stays pending and goes out again, after a pause (the log may be unreachable).
              this.deps.logger.error({ err: error, deliveryId: delivery.id }, 'Recording a webhook attempt failed; it will be sent again');
              await delay(READ_RETRY_MS, undefined, { signal: stop }).catch(() => undefined);
            })
            .finally(() => {
              this.inFlight.delete(delivery.id);
              this.senderWake.notify();
              this.readerWake.notify();
            });
          this.inFlight.set(delivery.id, attempt);
        }
      }
      await this.senderWake.wait(this.sleepMs(subscriber.id));
    }
    await Promise.all(this.inFlight.values());
  }

  private sleepMs(subscriberId: string): number {
    if (this.inFlight.size >= this.deps.config.concurrency) return IDLE_MS;
    const next = this.deps.outbox.nextAttemptAt(subscriberId, [...this.inFlight.keys()]);
    return next === undefined ? IDLE_MS : Math.min(IDLE_MS, Math.max(0, next - this.now()));
  }

  private async attempt(subscriber: Subscriber, delivery: DeliveryRecord, abort: AbortSignal): Promise<void> {
    const { config, logger } = this.deps;
    if (subscriber.secret === null)
      throw new Error(`Subscriber ${subscriber.id} was registered with another secret key; this instance cannot sign for it`);
    const secret = subscriber.secret;
    const startedAt = this.now();
    const number = delivery.attempts + 1;
    const outcome = await postWebhook(
      {
        url: subscriber.url,
        secret,
        body: await payloadOf(this.deps.store, delivery),
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        deliveryId: delivery.id,
        attempt: number,
      },
      config.timeoutMs,
      abort,
      this.now,
    );
    if (outcome.kind === 'aborted') return;
    const decision = this.decide(delivery, outcome, startedAt);
    const record = {
      attempt: number,
      startedAt,
      durationMs: this.now() - startedAt,
      outcome: outcome.kind,
      status: outcome.status,
      error: outcome.kind === 'delivered' ? null : outcome.error,
    };
    await this.deps.ledger.recordAttempt(subscriber.id, delivery.id, record, decision);
    const context = { subscriberId: subscriber.id, deliveryId: delivery.id, eventId: delivery.eventId, attempt: number };
    if (decision.kind === 'park') logger.warn({ ...context, reason: decision.reason }, 'Webhook delivery parked');
    else if (decision.kind === 'retry')
      logger.info(
        { ...context, error: outcome.kind === 'retry' ? outcome.error : undefined, retryAt: new Date(decision.at).toISOString() },
        'Webhook delivery failed; will retry',
      );
  }

  private decide(delivery: DeliveryRecord, outcome: Exclude<WebhookOutcome, { kind: 'aborted' }>, startedAt: number): AttemptDecision {
    const { config } = this.deps;
    switch (outcome.kind) {
      case 'delivered':
        return { kind: 'delivered' };
      case 'failed':
        return { kind: 'park', reason: `permanent failure: ${outcome.error}` };
      case 'retry': {
        const round = delivery.roundAttempts + 1;
        if (round >= config.maxAttempts) return { kind: 'park', reason: `gave up after ${round} attempts; last: ${outcome.error}` };
        const delay = retryDelayMs(round, { baseMs: config.backoffBaseMs, maxMs: config.backoffMaxMs }, outcome.retryAfterMs);
        return { kind: 'retry', at: Math.max(startedAt, this.now()) + delay };
      }
      default:
        return unknownOutcome(outcome);
    }
  }
}

/** What the reader has read since its last write to the ledger; a new one for every subscription. */
class ReadState {
  readonly projector: PublicEventProjector;
  /** The ledger holds the subscriber at `written`; what was read since is in `deliveries`, up to `position`. */
  written: string | null;
  writtenAt: number;
  position: Position | undefined;
  deliveries: NewDelivery[] = [];
  private bytes = 0;

  constructor(
    readonly subscriber: Subscriber,
    store: EventStore,
    now: number,
  ) {
    this.projector = new PublicEventProjector(store);
    this.written = subscriber.checkpoint;
    this.writtenAt = now;
  }

  add(delivery: NewDelivery): void {
    this.deliveries.push(delivery);
    this.bytes += delivery.payload === null ? 0 : Buffer.byteLength(delivery.payload);
  }

  full(): boolean {
    return this.deliveries.length >= ENQUEUE_BATCH || this.bytes >= ENQUEUE_BATCH_BYTES;
  }

  clear(): void {
    this.deliveries = [];
    this.bytes = 0;
    this.position = undefined;
  }
}

/** The subscriber was deleted: nothing left to read for. */
class SubscriberGoneError extends Error {
  constructor(subscriberId: string) {
    super(`Subscriber ${subscriberId} is gone`);
    this.name = 'SubscriberGoneError';
  }
}

function toDelivery(mapped: MappedPublicEvent): NewDelivery {
  const { event } = mapped;
  return {
    eventId: event.id,
    eventType: event.type,
    articleId: event.articleId,
    cursor: event.cursor,
    payload: inlinePayload(JSON.stringify(event)),
  };
}

function unknownOutcome(outcome: never): never {
  throw new Error(`Unknown webhook outcome ${JSON.stringify(outcome)}`);
}
