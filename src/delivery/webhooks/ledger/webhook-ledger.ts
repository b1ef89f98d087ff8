import { randomUUID } from 'node:crypto';
import { Refusal } from '../../../kernel/refusal.js';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { StreamNotFoundError, WrongExpectedVersionError } from '../../../platform/event-store/errors.js';
import {
  EVENT_STORE,
  type EventData,
  type EventStore,
  type Position,
  type RecordedEvent,
  comparePositions,
} from '../../../platform/event-store/event-store.port.js';
import { type Logger, PINO_LOGGER } from '../../../platform/logging/index.js';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../../delivery-config.js';
import { decodeCursor, encodeCursor } from '../../public-events/cursor.js';
import { type AttemptDecision, type AttemptRecord, type NewDelivery, Outbox } from '../deliveries/outbox.js';
import { DELIVERY_DATABASE } from '../delivery-database.js';
import { type FollowedBatch, LogFollower } from '../../../platform/log-follower/log-follower.js';
import { type Subscriber, SubscriberStore } from '../subscribers/subscriber-store.js';
import {
  isLedgerEventType,
  LEDGER_STREAM_PREFIX,
  type LedgerEvent,
  ledgerEventId,
  ledgerStream,
  parseLedgerEvent,
} from './ledger-events.js';
import { SECRET_BOX, type SealedSecret, type SecretBox, SecretKeyMismatchError } from './secret-box.js';

export type LedgerChange = LedgerEvent['type'];
export type LedgerListener = (subscriberId: string, change: LedgerChange) => void;

/** Checkpoint-only progress (filtered events) is saved at most this often; applied events save it at once. */
const SAVE_POSITION_EVERY_MS = 1_000;
/** Ledger events folded per transaction while catching up. */
const FOLD_BATCH = 256;
const PRUNE_EVERY = 200;

export class LedgerStoppedError extends Error {
  constructor() {
    super('The webhook ledger has stopped');
    this.name = 'LedgerStoppedError';
  }
}

/**
 * A write reached the log, but this instance's fold did not include it in time (see /health): the
 * change is in the log and takes effect, but this instance cannot show it yet. The admin gets a 503
 * saying so, with Retry-After.
 */
export class LedgerBehindError extends Refusal {
  constructor(waitedMs: number) {
    super(
      'unavailable',
      'webhook_ledger_behind',
      `The webhook ledger holds the change, but this instance has not folded it within ${waitedMs} ms; its fold is behind or failing (see /health).`,
      { title: 'Webhook ledger behind', retryAfterSeconds: 5 },
    );
  }
}

export type NewSubscriber = Omit<Subscriber, 'generation' | 'secret'> & { readonly secret: string };

/**
 * Writes the webhook ledger (ledger-events.ts) and folds it into this instance's delivery.sqlite.
 * Writers append and then wait until their event has been folded here, so an admin reads their
 * own write and a deliverer sees its batch accepted or refused. The fold follows the log with a
 * catch-up subscription from the position it last saved (in the same transaction as what it
 * applied), so a restart neither misses nor repeats an event. An event it cannot apply stops it,
 * with the reason in the log and in /health; it retries with backoff rather than skipping.
 */
@Injectable()
export class WebhookLedger {
  private readonly listeners = new Set<LedgerListener>();
  private readonly waiters = new Set<{
    readonly position: Position;
    readonly resolve: () => void;
    readonly reject: (error: Error) => void;
  }>();
  private readonly statements;
  private position: Position | undefined;
  private savedAt = 0;
  private stopped = false;
  private readonly follower: LogFollower;
  private caughtUpOnce = false;
  private readonly deliveredSincePrune = new Map<string, number>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELIVERY_DATABASE) private readonly db: Database.Database,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly subscribers: SubscriberStore,
    private readonly outbox: Outbox,
  ) {
    this.statements = {
      position: db.prepare<[], { position: string }>('SELECT position FROM ledger WHERE id = 1'),
      savePosition: db.prepare(
        'INSERT INTO ledger (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
      ),
    };
    const saved = this.statements.position.get()?.position;
    this.position = saved === undefined ? undefined : decodeCursor(saved);
    this.follower = new LogFollower({
      name: 'webhook ledger',
      store,
      logger,
      filter: { on: 'streamName', prefixes: [LEDGER_STREAM_PREFIX] },
      checkpointInterval: FOLD_BATCH,
      batchSize: FOLD_BATCH,
      retry: { initialDelayMs: 200, maxDelayMs: 30_000 },
      from: () => this.position ?? 'start',
      handle: (batch) => this.fold(batch),
      retryMessage: 'The webhook ledger stopped at an event it could not fold; retrying',
      failureContext: () => ({ position: this.status().position }),
    });
  }

  /** Called after every change this instance folds in, whoever wrote it. */
  onChange(listener: LedgerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.follower.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.follower.stop();
    for (const waiter of this.waiters) waiter.reject(new LedgerStoppedError());
    this.waiters.clear();
  }

  /** For /health: failing, or how far it is. */
  status(): {
    readonly ok: boolean;
    readonly live: boolean;
    readonly position: string | null;
    readonly error?: string;
    readonly failingSince?: string;
  } {
    const position = this.position === undefined ? null : encodeCursor(this.position);
    const { failure } = this.follower.status();
    const live = this.caughtUpOnce;
    if (failure === undefined) return { ok: true, live, position };
    return { ok: false, live, position, error: failure.message, failingSince: failure.since };
  }

  /**
   * Waits until this instance has folded everything the subscriber's stream holds now. A new
   * lease holder calls it before sending, so it does not resend what the last holder recorded
   * while this fold was behind.
   */
  async catchUp(subscriberId: string): Promise<void> {
    try {
      const [last] = await this.store.readStream(ledgerStream(subscriberId), { direction: 'backwards', maxCount: 1 });
      if (last !== undefined) await this.folded(last.position);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }

  // ---- writing ------------------------------------------------------------------------------

  /** Registers a subscriber; false if one with this id exists already. */
  async register(subscriber: NewSubscriber): Promise<boolean> {
    const { id, secret, ...rest } = subscriber;
    const data = { subscriberId: id, ...rest, secret: this.secrets.seal(secret, id) };
    try {
      await this.write(
        subscriber.id,
        { id: ledgerEventId.registered(subscriber.id), type: 'WebhookSubscriberRegistered', data },
        'no_stream',
      );
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
  }

  /** Appends a batch the deliverer read; true if the fold accepted it (the subscriber's checkpoint is now `to`). */
  async enqueue(
    subscriberId: string,
    batch: {
      readonly generation: number;
      readonly from: string | null;
      readonly to: string;
      readonly deliveries: readonly NewDelivery[];
      readonly at: number;
    },
  ): Promise<boolean> {
    await this.write(subscriberId, {
      id: ledgerEventId.enqueued(subscriberId, batch.generation, batch.from, batch.to),
      type: 'WebhookDeliveriesEnqueued',
      data: { ...batch, deliveries: [...batch.deliveries] },
    });
    const now = this.subscribers.get(subscriberId);
    return now?.generation === batch.generation && now.checkpoint === batch.to;
  }

  async recordAttempt(subscriberId: string, deliveryId: string, attempt: AttemptRecord, decision: AttemptDecision): Promise<void> {
    await this.write(subscriberId, {
      id: ledgerEventId.attempted(deliveryId, attempt.attempt),
      type: 'WebhookDeliveryAttempted',
      data: { deliveryId, attempt, decision },
    });
  }

  async redrive(subscriberId: string, deliveryId: string | null, by: string, at: number): Promise<void> {
    await this.write(subscriberId, { type: 'WebhookDeliveriesRedriven', data: { deliveryId, at, by } });
  }

  async replay(subscriberId: string, from: string | null, by: string, at: number): Promise<void> {
    await this.write(subscriberId, { type: 'WebhookSubscriberReplayed', data: { from, at, by } });
  }

  async delete(subscriberId: string, by: string, at: number): Promise<void> {
    await this.write(subscriberId, { type: 'WebhookSubscriberDeleted', data: { at, by } });
  }

  private async write(
    subscriberId: string,
    event: { readonly id?: string; readonly type: LedgerChange; readonly data: object },
    expectedRevision: 'no_stream' | 'any' = 'any',
  ): Promise<void> {
    const data: EventData = { id: event.id ?? randomUUID(), type: event.type, data: { ...event.data } };
    const result = await this.store.appendToStream(ledgerStream(subscriberId), [data], { expectedRevision });
    await this.folded(result.position);
  }

  /** Resolves once the fold has reached the position (it includes the event written there); LedgerBehindError after the wait. */
  private folded(position: Position): Promise<void> {
    if (this.position !== undefined && comparePositions(this.position, position) >= 0) return Promise.resolve();
    if (this.stopped) return Promise.reject(new LedgerStoppedError());
    const waitMs = this.config.webhooks.ledgerWaitMs;
    return new Promise((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new LedgerBehindError(waitMs));
      }, waitMs);
      this.waiters.add(waiter);
    });
  }

  // ---- folding ------------------------------------------------------------------------------

  /** One batch of the log: its ledger events folded, and the position past what the filter left out. */
  private fold(batch: FollowedBatch): void {
    if (batch.events.length > 0) this.applyBatch(batch.events);
    const last = batch.events.at(-1)?.position;
    if (batch.position !== undefined && (last === undefined || comparePositions(batch.position, last) > 0)) {
      this.advance(batch.position, Date.now() - this.savedAt >= SAVE_POSITION_EVERY_MS);
    }
    if (batch.caughtUp) this.caughtUpOnce = true;
  }

  /**
   * Folds events in one transaction with the position after them. An event that cannot be
   * folded ends the batch: what came before it is kept (each event has its own savepoint), and
   * the error goes up, so the fold stops exactly there.
   */
  private applyBatch(batch: readonly RecordedEvent[]): void {
    const changes: { readonly subscriberId: string; readonly change: LedgerChange }[] = [];
    let folded: Position | undefined;
    let failure: Error | undefined;
    this.db
      .transaction(() => {
        for (const recorded of batch) {
          try {
            const change = this.db.transaction(() => this.applyOne(recorded))();
            if (change !== undefined) changes.push(change);
            folded = recorded.position;
          } catch (error) {
            failure = error instanceof Error ? error : new Error(String(error));
            break;
          }
        }
        if (folded !== undefined && this.savedBefore(folded)) this.statements.savePosition.run(encodeCursor(folded));
      })
      .immediate();
    if (folded !== undefined) {
      this.savedAt = Date.now();
      this.advance(folded, false);
    }
    for (const { subscriberId, change } of changes) {
      for (const listener of this.listeners) {
        try {
          listener(subscriberId, change);
        } catch (error) {
          this.logger.error({ err: error, subscriberId, change }, 'A webhook ledger listener failed');
        }
      }
    }
    if (failure !== undefined) throw failure;
  }

  /** Folds one event, unless another process on the same data directory has folded it already. */
  private applyOne(recorded: RecordedEvent): { readonly subscriberId: string; readonly change: LedgerChange } | undefined {
    const subscriberId = recorded.streamId.slice(LEDGER_STREAM_PREFIX.length);
    if (!isLedgerEventType(recorded.type))
      throw new Error(`Unknown webhook ledger event ${recorded.type} at ${recorded.streamId}@${recorded.revision}`);
    const event = parseLedgerEvent(recorded.type, recorded.data);
    // Listeners hear of it either way: the change is in this data directory now.
    if (this.savedBefore(recorded.position)) this.apply(subscriberId, event);
    return { subscriberId, change: event.type };
  }

  private apply(subscriberId: string, event: LedgerEvent): void {
    switch (event.type) {
      case 'WebhookSubscriberRegistered': {
        const { subscriberId: id, secret, ...rest } = event.data;
        this.subscribers.create({ ...rest, id, secret: this.openSecret(secret, id) });
        return;
      }
      case 'WebhookDeliveriesEnqueued':
        this.outbox.enqueue(subscriberId, event.data);
        return;
      case 'WebhookDeliveryAttempted': {
        const delivery = this.outbox.get(subscriberId, event.data.deliveryId);
        if (delivery === undefined) return;
        this.outbox.recordAttempt(delivery, event.data.attempt, event.data.decision);
        if (event.data.decision.kind === 'delivered') this.pruneNowAndThen(subscriberId);
        return;
      }
      case 'WebhookDeliveriesRedriven':
        if (event.data.deliveryId === null) this.outbox.redriveAll(subscriberId, event.data.at);
        else this.outbox.redrive(subscriberId, event.data.deliveryId, event.data.at);
        return;
      case 'WebhookSubscriberReplayed':
        this.outbox.replay(subscriberId, event.data.from);
        return;
      case 'WebhookSubscriberDeleted':
        this.subscribers.delete(subscriberId);
        return;
      default:
        return unknownEvent(event);
    }
  }

  /**
   * A secret sealed with another key (an instance configured with a different
   * REDAKSI_WEBHOOK_SECRET_KEY) must not stop the fold for every subscriber: the subscriber is
   * kept without its secret, this instance never delivers for it, and /health says why.
   */
  private openSecret(sealed: SealedSecret, subscriberId: string): string | null {
    try {
      return this.secrets.open(sealed, subscriberId);
    } catch (error) {
      if (!(error instanceof SecretKeyMismatchError)) throw error;
      this.logger.error(
        { subscriberId, err: error },
        'A webhook subscriber was registered with another secret key; this instance cannot sign for it',
      );
      return null;
    }
  }

  /** The outbox keeps the newest deliveries of each subscriber's log; older ones stay in the ledger. */
  private pruneNowAndThen(subscriberId: string): void {
    const count = (this.deliveredSincePrune.get(subscriberId) ?? 0) + 1;
    this.deliveredSincePrune.set(subscriberId, count % PRUNE_EVERY);
    if (count >= PRUNE_EVERY) this.outbox.prune(subscriberId, this.config.webhooks.logRetention);
  }

  private savedBefore(position: Position): boolean {
    const saved = this.statements.position.get()?.position;
    const savedPosition = saved === undefined ? undefined : decodeCursor(saved);
    return savedPosition === undefined || comparePositions(savedPosition, position) < 0;
  }

  private advance(position: Position, save: boolean): void {
    this.position = position;
    if (save) {
      // Never back behind what another process on this data directory has saved.
      this.db
        .transaction(() => {
          if (this.savedBefore(position)) this.statements.savePosition.run(encodeCursor(position));
        })
        .immediate();
      this.savedAt = Date.now();
    }
    for (const waiter of this.waiters) {
      if (comparePositions(position, waiter.position) >= 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unhandled webhook ledger event ${JSON.stringify(event)}`);
}
