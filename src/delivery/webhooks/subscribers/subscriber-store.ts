import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { PublicEventType } from '../../public-events/contract.js';
import { DELIVERY_DATABASE } from '../delivery-database.js';

export interface Subscriber {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly PublicEventType[];
  /** Empty: every topic. */
  readonly topics: readonly string[];
  /** Null on an instance that cannot open the sealed secret (another REDAKSI_WEBHOOK_SECRET_KEY): it cannot sign, so it never delivers for this subscriber. */
  readonly secret: string | null;
  readonly description: string | null;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly generation: number;
  /** Cursor of the last log position the worker read; null: from the start of the log. */
  readonly checkpoint: string | null;
}

/** A row of `subscribers`; the same columns in schema 1 (see ledger/legacy-import.ts). */
export interface SubscriberRow {
  id: string;
  url: string;
  event_types: string;
  topics: string;
  secret: string | null;
  description: string | null;
  created_at: number;
  created_by: string;
  generation: number;
  checkpoint: string | null;
}

/**
 * This instance's table of subscribers, as folded from the webhook ledger (WebhookLedger writes
 * it; everything else reads it). It holds each secret in clear, opened from the sealed copy in
 * the log. Beside the outbox, deleting a subscriber and its deliveries is one transaction.
 */
@Injectable()
export class SubscriberStore {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement<[string], SubscriberRow>;
  private readonly all: Database.Statement<[], SubscriberRow>;
  private readonly remove: Database.Statement<[string]>;

  constructor(@Inject(DELIVERY_DATABASE) db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO subscribers (id, url, event_types, topics, secret, description, created_at, created_by, generation, checkpoint)
       VALUES (@id, @url, @event_types, @topics, @secret, @description, @created_at, @created_by, 1, @checkpoint)`,
    );
    this.byId = db.prepare('SELECT * FROM subscribers WHERE id = ?');
    this.all = db.prepare('SELECT * FROM subscribers ORDER BY created_at, id');
    this.remove = db.prepare('DELETE FROM subscribers WHERE id = ?');
  }

  /** Adds a subscriber in its first generation; a second registration of the same id changes nothing. */
  create(subscriber: Omit<Subscriber, 'generation'>): Subscriber {
    this.insert.run({
      id: subscriber.id,
      url: subscriber.url,
      event_types: JSON.stringify(subscriber.eventTypes),
      topics: JSON.stringify(subscriber.topics),
      secret: subscriber.secret,
      description: subscriber.description,
      created_at: subscriber.createdAt,
      created_by: subscriber.createdBy,
      checkpoint: subscriber.checkpoint,
    });
    return { ...subscriber, generation: 1 };
  }

  get(id: string): Subscriber | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toSubscriber(row);
  }

  list(): Subscriber[] {
    return this.all.all().map(toSubscriber);
  }

  /** Removes the subscriber and, by cascade, its deliveries and their attempts. */
  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }
}

export function toSubscriber(row: SubscriberRow): Subscriber {
  return {
    id: row.id,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as PublicEventType[],
    topics: JSON.parse(row.topics) as string[],
    secret: row.secret,
    description: row.description,
    createdAt: row.created_at,
    createdBy: row.created_by,
    generation: row.generation,
    checkpoint: row.checkpoint,
  };
}
