import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/index.js';
import { type Logger, PINO_LOGGER } from '../../../platform/logging/index.js';
import { isPublicEventType } from '../../public-events/contract.js';
import type { NewDelivery } from '../deliveries/outbox.js';
import { LEGACY_DELIVERY_DATABASE_FILE } from '../delivery-database.js';
import { type SubscriberRow, toSubscriber } from '../subscribers/subscriber-store.js';
import { WebhookLedger } from './webhook-ledger.js';

/**
 * Before the ledger, delivery.sqlite (schema 1) was the only record of the subscribers. Opening
 * it sets such a file aside (delivery-database.ts); this writes what it held into the ledger,
 * once: every subscriber with its secret (sealed), URL, filters and checkpoint, and its
 * undelivered deliveries (pending or parked; they come back pending) exactly as they were. The
 * events have ids derived from the subscriber, so an import cut short by a crash is simply run
 * again. Delivered history and attempt logs stay readable in the file, renamed `.imported`.
 */
@Injectable()
export class LegacyDeliveryImport {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly ledger: WebhookLedger,
  ) {}

  async run(): Promise<void> {
    const file = path.join(this.config.dataDir, LEGACY_DELIVERY_DATABASE_FILE);
    if (!existsSync(file)) return;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    let imported: { subscribers: number; deliveries: number };
    try {
      imported = await this.importFrom(db);
    } finally {
      db.close();
    }
    renameSync(file, `${file}.imported`);
    this.logger.info(
      { ...imported, file: `${file}.imported` },
      'Imported the webhook subscribers of a schema-1 delivery.sqlite into the ledger',
    );
  }

  private async importFrom(db: Database.Database): Promise<{ subscribers: number; deliveries: number }> {
    const subscribers = db.prepare<[], SubscriberRow>('SELECT * FROM subscribers ORDER BY created_at, id').all();
    const undelivered = db.prepare<[string, number], NewDelivery>(
      `SELECT event_id AS eventId, event_type AS eventType, article_id AS articleId, cursor, payload FROM deliveries
       WHERE subscriber_id = ? AND generation = ? AND status IN ('pending', 'parked') ORDER BY seq`,
    );
    let deliveries = 0;
    for (const row of subscribers) {
      const { generation: _generation, ...subscriber } = toSubscriber(row);
      // Schema 1 had no way to store a subscriber without its secret.
      if (subscriber.secret === null) throw new Error(`${LEGACY_DELIVERY_DATABASE_FILE}: subscriber ${row.id} has no secret`);
      await this.ledger.register({
        ...subscriber,
        secret: subscriber.secret,
        eventTypes: subscriber.eventTypes.filter((type) => isPublicEventType(type)),
      });
      const pending = undelivered.all(row.id, row.generation);
      // The batch continues from the checkpoint it ends at: the deliveries were read before it.
      if (row.checkpoint !== null && pending.length > 0) {
        await this.ledger.enqueue(row.id, { generation: 1, from: row.checkpoint, to: row.checkpoint, deliveries: pending, at: Date.now() });
        deliveries += pending.length;
      }
    }
    return { subscribers: subscribers.length, deliveries };
  }
}
