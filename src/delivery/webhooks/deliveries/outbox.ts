import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { nameBasedId } from '../../../kernel/ids.js';
import { DELIVERY_DATABASE } from '../delivery-database.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'parked' | 'superseded';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'parked', 'superseded'];

export interface NewDelivery {
  readonly eventId: string;
  readonly eventType: string;
  readonly articleId: string;
  readonly cursor: string;
  /** The exact bytes to send; null when too large for the ledger (see delivery-payload.ts). */
  readonly payload: string | null;
}

/** What the deliverer read in one go: the log from `from` (exclusive; null: the start) to `to`. */
export interface EnqueuedBatch {
  readonly generation: number;
  readonly from: string | null;
  readonly to: string;
  readonly deliveries: readonly NewDelivery[];
  readonly at: number;
}

export interface DeliveryRecord {
  readonly seq: number;
  readonly id: string;
  readonly subscriberId: string;
  readonly generation: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly articleId: string;
  readonly cursor: string;
  readonly payload: string | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly roundAttempts: number;
  readonly nextAttemptAt: number;
  readonly createdAt: number;
  readonly lastAttemptAt: number | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
  readonly parkedAt: number | null;
  readonly parkedReason: string | null;
}

export interface AttemptRecord {
  readonly attempt: number;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly outcome: 'delivered' | 'retry' | 'failed';
  readonly status: number | null;
  readonly error: string | null;
}

/** What the worker decided after an attempt. */
export type AttemptDecision =
  { readonly kind: 'delivered' } | { readonly kind: 'retry'; readonly at: number } | { readonly kind: 'park'; readonly reason: string };

interface Row {
  seq: number;
  id: string;
  subscriber_id: string;
  generation: number;
  event_id: string;
  event_type: string;
  article_id: string;
  cursor: string;
  payload: string | null;
  status: DeliveryStatus;
  attempts: number;
  round_attempts: number;
  next_attempt_at: number;
  created_at: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
  parked_at: number | null;
  parked_reason: string | null;
}

export function deliveryIdFor(subscriberId: string, generation: number, eventId: string): string {
  return nameBasedId('delivery', subscriberId, String(generation), eventId);
}

/**
 * Each subscriber's outbox. Deliveries are enqueued in log order together with the checkpoint
 * that produced them, and an article's deliveries go out strictly one after another:
 * only the oldest undelivered delivery of an article (its head) is ever sent. When a head is
 * parked, the article's later deliveries are parked behind it (and new ones join them), so
 * a parked article never lets a later event overtake an earlier one; re-driving releases the
 * whole chain, oldest first. Other articles carry on meanwhile.
 *
 * It is this instance's fold of the webhook ledger: only WebhookLedger calls the methods that
 * change it, each with what a ledger event says, so every instance arrives at the same outbox.
 */
@Injectable()
export class Outbox {
  private readonly statements;

  constructor(@Inject(DELIVERY_DATABASE) private readonly db: Database.Database) {
    this.statements = {
      generation: db.prepare<[string], { generation: number }>('SELECT generation FROM subscribers WHERE id = ?'),
      subscriber: db.prepare<[string], { generation: number; checkpoint: string | null }>(
        'SELECT generation, checkpoint FROM subscribers WHERE id = ?',
      ),
      parkedHead: db.prepare<[string, string], { id: string }>(
        `SELECT id FROM deliveries WHERE subscriber_id = ? AND article_id = ? AND status = 'parked' ORDER BY seq LIMIT 1`,
      ),
      insert: db.prepare(
        `INSERT OR IGNORE INTO deliveries
           (id, subscriber_id, generation, event_id, event_type, article_id, cursor, payload, status, next_attempt_at, created_at, parked_at, parked_reason)
         VALUES (@id, @subscriber_id, @generation, @event_id, @event_type, @article_id, @cursor, @payload, @status, @now, @now, @parked_at, @parked_reason)`,
      ),
      checkpoint: db.prepare('UPDATE subscribers SET checkpoint = ? WHERE id = ?'),
      dueHeads: db.prepare<{ sub: string; now: number; busy: string; limit: number }, Row>(
        `SELECT d.* FROM deliveries d
         WHERE d.subscriber_id = @sub AND d.status = 'pending' AND d.next_attempt_at <= @now
           AND d.id NOT IN (SELECT value FROM json_each(@busy))
           AND NOT EXISTS (SELECT 1 FROM deliveries e
                           WHERE e.subscriber_id = d.subscriber_id AND e.article_id = d.article_id
                             AND e.status IN ('pending', 'parked') AND e.seq < d.seq)
         ORDER BY d.seq LIMIT @limit`,
      ),
      nextAttempt: db.prepare<{ sub: string; busy: string }, { at: number | null }>(
        `SELECT MIN(d.next_attempt_at) AS at FROM deliveries d
         WHERE d.subscriber_id = @sub AND d.status = 'pending'
           AND d.id NOT IN (SELECT value FROM json_each(@busy))
           AND NOT EXISTS (SELECT 1 FROM deliveries e
                           WHERE e.subscriber_id = d.subscriber_id AND e.article_id = d.article_id
                             AND e.status IN ('pending', 'parked') AND e.seq < d.seq)`,
      ),
      parkedInArticle: db.prepare<[string, string], { n: number }>(
        `SELECT COUNT(*) AS n FROM deliveries WHERE subscriber_id = ? AND article_id = ? AND status = 'parked'`,
      ),
      pendingCount: db.prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM deliveries WHERE subscriber_id = ? AND status = 'pending'`,
      ),
      counts: db.prepare<[string], { status: DeliveryStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM deliveries WHERE subscriber_id = ? GROUP BY status',
      ),
      // The subscriber may have been deleted (by another process) while the attempt was out.
      insertAttempt: db.prepare(
        `INSERT OR IGNORE INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, outcome, status, error)
         SELECT @delivery_id, @attempt, @started_at, @duration_ms, @outcome, @status, @error
         WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = @delivery_id)`,
      ),
      delivered: db.prepare(
        `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, round_attempts = round_attempts + 1,
           last_attempt_at = @at, last_status = @status, last_error = NULL, delivered_at = @at
         WHERE id = @id AND status = 'pending'`,
      ),
      retry: db.prepare(
        `UPDATE deliveries SET attempts = attempts + 1, round_attempts = round_attempts + 1, next_attempt_at = @next,
           last_attempt_at = @at, last_status = @status, last_error = @error
         WHERE id = @id AND status = 'pending'`,
      ),
      park: db.prepare(
        `UPDATE deliveries SET status = 'parked', attempts = attempts + 1, round_attempts = round_attempts + 1,
           last_attempt_at = @at, last_status = @status, last_error = @error, parked_at = @at, parked_reason = @reason
         WHERE id = @id AND status = 'pending'`,
      ),
      parkBehind: db.prepare(
        `UPDATE deliveries SET status = 'parked', parked_at = @at, parked_reason = @reason
         WHERE subscriber_id = @sub AND article_id = @article AND status = 'pending' AND seq > @seq`,
      ),
      get: db.prepare<[string, string], Row>('SELECT * FROM deliveries WHERE subscriber_id = ? AND id = ?'),
      attempts: db.prepare<
        [string],
        {
          attempt: number;
          started_at: number;
          duration_ms: number;
          outcome: AttemptRecord['outcome'];
          status: number | null;
          error: string | null;
        }
      >('SELECT attempt, started_at, duration_ms, outcome, status, error FROM delivery_attempts WHERE delivery_id = ? ORDER BY seq'),
      redriveArticle: db.prepare(
        `UPDATE deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = @now, parked_at = NULL, parked_reason = NULL
         WHERE subscriber_id = @sub AND article_id = @article AND status = 'parked'`,
      ),
      redriveAll: db.prepare(
        `UPDATE deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = @now, parked_at = NULL, parked_reason = NULL
         WHERE subscriber_id = @sub AND status = 'parked'`,
      ),
      supersede: db.prepare(`UPDATE deliveries SET status = 'superseded' WHERE subscriber_id = ? AND status IN ('pending', 'parked')`),
      restart: db.prepare('UPDATE subscribers SET generation = generation + 1, checkpoint = ? WHERE id = ?'),
      pruneFloor: db.prepare<[string, number], { seq: number }>(
        `SELECT seq FROM deliveries WHERE subscriber_id = ? AND status IN ('delivered', 'superseded') ORDER BY seq DESC LIMIT 1 OFFSET ?`,
      ),
      prune: db.prepare(`DELETE FROM deliveries WHERE subscriber_id = ? AND status IN ('delivered', 'superseded') AND seq <= ?`),
    };
  }

  /**
   * Adds a batch the deliverer read from `from` to `to` and moves the checkpoint to `to`, in one
   * transaction, if the subscriber is still at `from` in `generation`. Anything else (a replay
   * or delete since, a batch from a deliverer that lost its lease) makes the batch obsolete.
   */
  enqueue(subscriberId: string, batch: EnqueuedBatch): boolean {
    const { generation, from, to, deliveries, at: now } = batch;
    return this.db.transaction(() => {
      const current = this.statements.subscriber.get(subscriberId);
      if (current?.generation !== generation || current.checkpoint !== from) return false;
      for (const delivery of deliveries) {
        const blocker = this.statements.parkedHead.get(subscriberId, delivery.articleId)?.id;
        this.statements.insert.run({
          id: deliveryIdFor(subscriberId, generation, delivery.eventId),
          subscriber_id: subscriberId,
          generation,
          event_id: delivery.eventId,
          event_type: delivery.eventType,
          article_id: delivery.articleId,
          cursor: delivery.cursor,
          payload: delivery.payload,
          status: blocker === undefined ? 'pending' : 'parked',
          now,
          parked_at: blocker === undefined ? null : now,
          parked_reason: blocker === undefined ? null : behind(blocker),
        });
      }
      this.statements.checkpoint.run(to, subscriberId);
      return true;
    })();
  }

  /** Article heads that are due, oldest first, leaving out the ones being sent. */
  dueHeads(subscriberId: string, now: number, busy: readonly string[], limit: number): DeliveryRecord[] {
    return this.statements.dueHeads.all({ sub: subscriberId, now, busy: JSON.stringify(busy), limit }).map(toRecord);
  }

  /** When the next article head not being sent is due. */
  nextAttemptAt(subscriberId: string, busy: readonly string[]): number | undefined {
    return this.statements.nextAttempt.get({ sub: subscriberId, busy: JSON.stringify(busy) })?.at ?? undefined;
  }

  pendingCount(subscriberId: string): number {
    return this.statements.pendingCount.get(subscriberId)?.n ?? 0;
  }

  counts(subscriberId: string): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, parked: 0, superseded: 0 };
    for (const { status, n } of this.statements.counts.all(subscriberId)) counts[status] = n;
    return counts;
  }

  /** Records an attempt and its consequence; a no-op on the delivery if it was superseded meanwhile. */
  recordAttempt(delivery: DeliveryRecord, attempt: AttemptRecord, decision: AttemptDecision): void {
    this.db.transaction(() => {
      this.statements.insertAttempt.run({
        delivery_id: delivery.id,
        attempt: attempt.attempt,
        started_at: attempt.startedAt,
        duration_ms: attempt.durationMs,
        outcome: attempt.outcome,
        status: attempt.status,
        error: attempt.error,
      });
      const at = attempt.startedAt + attempt.durationMs;
      const base = { id: delivery.id, at, status: attempt.status };
      switch (decision.kind) {
        case 'delivered':
          this.statements.delivered.run(base);
          return;
        case 'retry':
          this.statements.retry.run({ ...base, error: attempt.error, next: decision.at });
          return;
        case 'park':
          if (this.statements.park.run({ ...base, error: attempt.error, reason: decision.reason }).changes > 0) {
            this.statements.parkBehind.run({
              sub: delivery.subscriberId,
              article: delivery.articleId,
              seq: delivery.seq,
              at,
              reason: behind(delivery.id),
            });
          }
          return;
        default:
          return unknownDecision(decision);
      }
    })();
  }

  /** Newest first; `before` is a delivery id from the previous page. */
  list(subscriberId: string, options: { status?: DeliveryStatus; before?: string; limit: number }): DeliveryRecord[] {
    const beforeSeq = options.before === undefined ? undefined : this.statements.get.get(subscriberId, options.before)?.seq;
    const conditions = ['subscriber_id = @sub'];
    if (options.status !== undefined) conditions.push('status = @status');
    if (beforeSeq !== undefined) conditions.push('seq < @before');
    const rows = this.db
      .prepare<Record<string, unknown>, Row>(`SELECT * FROM deliveries WHERE ${conditions.join(' AND ')} ORDER BY seq DESC LIMIT @limit`)
      .all({ sub: subscriberId, status: options.status, before: beforeSeq, limit: options.limit });
    return rows.map(toRecord);
  }

  get(subscriberId: string, deliveryId: string): DeliveryRecord | undefined {
    const row = this.statements.get.get(subscriberId, deliveryId);
    return row === undefined ? undefined : toRecord(row);
  }

  attempts(deliveryId: string): AttemptRecord[] {
    return this.statements.attempts.all(deliveryId).map((row) => ({
      attempt: row.attempt,
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      outcome: row.outcome,
      status: row.status,
      error: row.error,
    }));
  }

  /**
   * Sends a parked delivery again, with a fresh set of attempts. Its whole article chain goes
   * back with it, oldest first: re-driving only a later one would let it overtake.
   */
  redrive(subscriberId: string, deliveryId: string, now: number): { readonly redriven: number } | 'not-found' | 'not-parked' {
    const delivery = this.get(subscriberId, deliveryId);
    if (delivery === undefined) return 'not-found';
    if (delivery.status !== 'parked') return 'not-parked';
    return { redriven: this.statements.redriveArticle.run({ sub: subscriberId, article: delivery.articleId, now }).changes };
  }

  /** How many deliveries re-driving this one would release (its article's parked chain). */
  parkedChain(subscriberId: string, deliveryId: string): { readonly redriven: number } | 'not-found' | 'not-parked' {
    const delivery = this.get(subscriberId, deliveryId);
    if (delivery === undefined) return 'not-found';
    if (delivery.status !== 'parked') return 'not-parked';
    return { redriven: this.statements.parkedInArticle.get(subscriberId, delivery.articleId)?.n ?? 0 };
  }

  redriveAll(subscriberId: string, now: number): number {
    return this.statements.redriveAll.run({ sub: subscriberId, now }).changes;
  }

  /**
   * Starts the subscriber over from a position: what is still undelivered is superseded (the
   * replay sends it again if it lies after the position) and the worker reads from there.
   */
  replay(subscriberId: string, checkpoint: string | null): { readonly generation: number; readonly superseded: number } | undefined {
    return this.db.transaction(() => {
      const current = this.statements.generation.get(subscriberId);
      if (current === undefined) return undefined;
      const superseded = this.statements.supersede.run(subscriberId).changes;
      this.statements.restart.run(checkpoint, subscriberId);
      return { generation: current.generation + 1, superseded };
    })();
  }

  /** Keeps the newest `keep` finished deliveries of a subscriber's log. */
  prune(subscriberId: string, keep: number): void {
    const floor = this.statements.pruneFloor.get(subscriberId, keep);
    if (floor !== undefined) this.statements.prune.run(subscriberId, floor.seq);
  }
}

function behind(deliveryId: string): string {
  return `waiting behind parked delivery ${deliveryId} of the same article`;
}

function toRecord(row: Row): DeliveryRecord {
  return {
    seq: row.seq,
    id: row.id,
    subscriberId: row.subscriber_id,
    generation: row.generation,
    eventId: row.event_id,
    eventType: row.event_type,
    articleId: row.article_id,
    cursor: row.cursor,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    roundAttempts: row.round_attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    parkedAt: row.parked_at,
    parkedReason: row.parked_reason,
  };
}

function unknownDecision(decision: never): never {
  throw new Error(`Unknown attempt decision ${JSON.stringify(decision)}`);
}
