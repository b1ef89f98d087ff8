import type { SchemaObject } from '@nestjs/swagger';
import type { DeliveryStatus } from '../deliveries/outbox.js';
import type { Subscriber } from './subscriber-store.js';

export interface SubscriberView {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly topics: readonly string[];
  readonly description: string | null;
  /** The secret itself is shown once, when the subscriber is created. */
  readonly secretHint: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** Cursor of the last log position the worker has read; null: not started. */
  readonly checkpoint: string | null;
  readonly deliveries: Readonly<Record<DeliveryStatus, number>>;
}

/** Shown instead of the hint where the secret was sealed with another instance's key. */
export const UNREADABLE_SECRET_HINT = 'sealed with another key: this instance cannot sign for it';

export function toSubscriberView(subscriber: Subscriber, deliveries: Readonly<Record<DeliveryStatus, number>>): SubscriberView {
  return {
    id: subscriber.id,
    url: subscriber.url,
    eventTypes: subscriber.eventTypes,
    topics: subscriber.topics,
    description: subscriber.description,
    secretHint: subscriber.secret === null ? UNREADABLE_SECRET_HINT : `…${subscriber.secret.slice(-4)}`,
    createdAt: new Date(subscriber.createdAt).toISOString(),
    createdBy: subscriber.createdBy,
    checkpoint: subscriber.checkpoint,
    deliveries,
  };
}

export const SUBSCRIBER_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    url: { type: 'string' },
    eventTypes: { type: 'array', items: { type: 'string' } },
    topics: { type: 'array', items: { type: 'string' } },
    description: { type: 'string', nullable: true },
    secretHint: { type: 'string', example: '…x9Qk' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    checkpoint: { type: 'string', nullable: true },
    deliveries: {
      type: 'object',
      properties: {
        pending: { type: 'integer' },
        delivered: { type: 'integer' },
        parked: { type: 'integer' },
        superseded: { type: 'integer' },
      },
    },
  },
};
