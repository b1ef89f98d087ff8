import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Gauge } from 'prom-client';
import { HealthRegistry } from '../../platform/health/index.js';
import { MetricsRegistry } from '../../platform/metrics/metrics-registry.js';
import { DELIVERY_DATABASE } from './delivery-database.js';
import { WebhookLedger } from './ledger/webhook-ledger.js';

/**
 * Reports deliveries and the ledger's fold in /health and on /metrics, and closes
 * delivery.sqlite after the workers and the fold have stopped (they stop in
 * beforeApplicationShutdown). Parked deliveries are a receiver's problem, not this server's:
 * they show in the details (and a gauge to alert on) without making the check fail.
 */
@Injectable()
export class DeliveryDatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DELIVERY_DATABASE) private readonly db: Database.Database,
    private readonly health: HealthRegistry,
    private readonly ledger: WebhookLedger,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    const counts = this.db.prepare<[], { subscribers: number; pending: number; parked: number; withoutSecret: number }>(
      `SELECT (SELECT COUNT(*) FROM subscribers) AS subscribers,
              (SELECT COUNT(*) FROM deliveries WHERE status = 'pending') AS pending,
              (SELECT COUNT(*) FROM deliveries WHERE status = 'parked') AS parked,
              (SELECT COUNT(*) FROM subscribers WHERE secret IS NULL) AS withoutSecret`,
    );
    // Failing: a ledger that cannot be folded (admin answers and deliveries stand still), or
    // subscribers whose secret was sealed with another key (instances disagree on the key).
    this.health.register('webhooks', () => {
      const ledger = this.ledger.status();
      const current = counts.get()!;
      const keyProblem =
        current.withoutSecret > 0
          ? {
              keyMismatch: `${current.withoutSecret} subscriber(s) were registered with another REDAKSI_WEBHOOK_SECRET_KEY; this instance cannot sign for them`,
            }
          : {};
      return Promise.resolve({
        status: ledger.ok && current.withoutSecret === 0 ? 'ok' : 'error',
        details: { ...current, ...keyProblem, ledger },
      });
    });
    this.registerMetrics();
  }

  private registerMetrics(): void {
    const registers = [this.metrics.registry];
    const outstanding = this.db.prepare<[], { subscriber_id: string; status: 'pending' | 'parked'; n: number }>(
      `SELECT s.id AS subscriber_id, st.status, COUNT(d.id) AS n
       FROM subscribers s CROSS JOIN (SELECT 'pending' AS status UNION ALL SELECT 'parked') st
       LEFT JOIN deliveries d ON d.subscriber_id = s.id AND d.status = st.status
       GROUP BY s.id, st.status`,
    );
    const ledger = this.ledger;
    new Gauge({
      name: 'redaksi_webhook_deliveries',
      help: 'Deliveries waiting to be sent (pending) or given up on until an admin re-drives them (parked), per subscriber',
      labelNames: ['subscriber', 'status'] as const,
      registers,
      collect: function () {
        this.reset();
        for (const row of outstanding.all()) this.set({ subscriber: row.subscriber_id, status: row.status }, row.n);
      },
    });
    const withoutSecret = this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM subscribers WHERE secret IS NULL');
    new Gauge({
      name: 'redaksi_webhook_subscribers_without_secret',
      help: 'Subscribers registered with another REDAKSI_WEBHOOK_SECRET_KEY: this instance cannot sign for them (should be 0)',
      registers,
      collect: function () {
        this.set(withoutSecret.get()?.n ?? 0);
      },
    });
    new Gauge({
      name: 'redaksi_webhook_ledger_failing',
      help: '1 while this instance cannot fold the webhook ledger (e.g. another secret key): nothing is delivered or updated; else 0',
      registers,
      collect: function () {
        this.set(ledger.status().ok ? 0 : 1);
      },
    });
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
