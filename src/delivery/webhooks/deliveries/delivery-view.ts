import type { SchemaObject } from '@nestjs/swagger';
import type { AttemptRecord, DeliveryRecord, DeliveryStatus } from './outbox.js';

export interface DeliveryView {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly articleId: string;
  readonly cursor: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt: string | null;
  readonly lastAttempt: { readonly at: string; readonly status: number | null; readonly error: string | null } | null;
  readonly deliveredAt: string | null;
  readonly parkedAt: string | null;
  readonly parkedReason: string | null;
}

export interface DeliveryDetailView extends DeliveryView {
  readonly attemptLog: readonly {
    readonly attempt: number;
    readonly at: string;
    readonly durationMs: number;
    readonly outcome: AttemptRecord['outcome'];
    readonly status: number | null;
    readonly error: string | null;
  }[];
  /** The event exactly as it is sent. */
  readonly payload: unknown;
}

export function toDeliveryView(delivery: DeliveryRecord): DeliveryView {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    articleId: delivery.articleId,
    cursor: delivery.cursor,
    status: delivery.status,
    attempts: delivery.attempts,
    createdAt: iso(delivery.createdAt),
    nextAttemptAt: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
    lastAttempt:
      delivery.lastAttemptAt === null ? null : { at: iso(delivery.lastAttemptAt), status: delivery.lastStatus, error: delivery.lastError },
    deliveredAt: delivery.deliveredAt === null ? null : iso(delivery.deliveredAt),
    parkedAt: delivery.parkedAt === null ? null : iso(delivery.parkedAt),
    parkedReason: delivery.parkedReason,
  };
}

export function toDeliveryDetailView(delivery: DeliveryRecord, attempts: readonly AttemptRecord[], payload: string): DeliveryDetailView {
  return {
    ...toDeliveryView(delivery),
    attemptLog: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      at: iso(attempt.startedAt),
      durationMs: attempt.durationMs,
      outcome: attempt.outcome,
      status: attempt.status,
      error: attempt.error,
    })),
    payload: JSON.parse(payload) as unknown,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export const DELIVERY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    eventId: { type: 'string', format: 'uuid' },
    eventType: { type: 'string' },
    articleId: { type: 'string', format: 'uuid' },
    cursor: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'delivered', 'parked', 'superseded'] },
    attempts: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    nextAttemptAt: { type: 'string', format: 'date-time', nullable: true },
    lastAttempt: {
      type: 'object',
      nullable: true,
      properties: {
        at: { type: 'string', format: 'date-time' },
        status: { type: 'integer', nullable: true },
        error: { type: 'string', nullable: true },
      },
    },
    deliveredAt: { type: 'string', format: 'date-time', nullable: true },
    parkedAt: { type: 'string', format: 'date-time', nullable: true },
    parkedReason: { type: 'string', nullable: true },
  },
};
