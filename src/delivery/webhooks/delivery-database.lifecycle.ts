import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { HealthRegistry } from '../../health/index.js';
import { DELIVERY_DATABASE } from './delivery-database.js';
import { WebhookLedger } from './ledger/webhook-ledger.js';

/**
 * Reports deliveries and the ledger's fold in /health and closes delivery.sqlite after the
 * workers and the fold have stopped (they stop in beforeApplicationShutdown). Parked deliveries are a receiver's problem, not
 * this server's: they show in the details without making the check fail.
 */
@Injectable()
export class DeliveryDatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DELIVERY_DATABASE) private readonly db: Database.Database,
    private readonly health: HealthRegistry,
    private readonly ledger: WebhookLedger,
  ) {}

  onModuleInit(): void {
    const counts = this.db.prepare<[], { subscribers: number; pending: number; parked: number }>(
      `SELECT (SELECT COUNT(*) FROM subscribers) AS subscribers,
              (SELECT COUNT(*) FROM deliveries WHERE status = 'pending') AS pending,
              (SELECT COUNT(*) FROM deliveries WHERE status = 'parked') AS parked`,
    );
    // A ledger that cannot be folded fails the check: admin answers and deliveries are standing still.
    this.health.register('webhooks', () => {
      const ledger = this.ledger.status();
      return Promise.resolve({ status: ledger.ok ? 'ok' : 'error', details: { ...counts.get(), ledger } });
    });
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
