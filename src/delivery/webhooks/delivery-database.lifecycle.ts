import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { HealthRegistry } from '../../health/index.js';
import { DELIVERY_DATABASE } from './delivery-database.js';

/**
 * Reports deliveries in /health and closes delivery.sqlite after the workers have stopped
 * (they stop in beforeApplicationShutdown). Parked deliveries are a receiver's problem, not
 * this server's: they show in the details without making the check fail.
 */
@Injectable()
export class DeliveryDatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DELIVERY_DATABASE) private readonly db: Database.Database,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    const counts = this.db.prepare<[], { subscribers: number; pending: number; parked: number }>(
      `SELECT (SELECT COUNT(*) FROM subscribers) AS subscribers,
              (SELECT COUNT(*) FROM deliveries WHERE status = 'pending') AS pending,
              (SELECT COUNT(*) FROM deliveries WHERE status = 'parked') AS parked`,
    );
    this.health.register('webhooks', () => Promise.resolve({ status: 'ok', details: { ...counts.get() } }));
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
