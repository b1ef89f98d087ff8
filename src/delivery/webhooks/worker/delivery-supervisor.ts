import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../platform/event-store/event-store.port.js';
import { type Logger, PINO_LOGGER } from '../../../platform/logging/index.js';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../../delivery-config.js';
import { Outbox } from '../deliveries/outbox.js';
import { SubscriberStore } from '../subscribers/subscriber-store.js';
import { LegacyDeliveryImport } from '../ledger/legacy-import.js';
import { type LedgerChange, WebhookLedger } from '../ledger/webhook-ledger.js';
import { DeliveryWorker } from './delivery-worker.js';
import { DELIVERY_LEASE, type DeliveryLease } from './lease.js';

/** How often the subscriber list is compared with the running workers. */
const RECONCILE_MS = 5_000;

/**
 * Runs webhook delivery in this process: folds the ledger (after importing a schema-1
 * delivery.sqlite, once), and keeps one worker per subscriber, started when the fold shows a
 * subscriber (registered here, on another instance, or before a restart) and stopped when it
 * is deleted. A worker only delivers while it holds its subscriber's lease. Everything stops
 * before the event store closes: the workers first (their last attempts are recorded in the
 * ledger), then the fold.
 */
@Injectable()
export class DeliverySupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly workers = new Map<string, DeliveryWorker>();
  private stopping = false;
  private reconciling: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(DELIVERY_LEASE) private readonly lease: DeliveryLease,
    private readonly outbox: Outbox,
    private readonly subscribers: SubscriberStore,
    private readonly ledger: WebhookLedger,
    private readonly legacy: LegacyDeliveryImport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.webhooks.lease === 'log' && this.config.webhooks.secretKey === undefined) {
      this.logger.warn(
        'Webhook secrets are sealed with the key file in this data directory; every other instance on this event store needs the same key (REDAKSI_WEBHOOK_SECRET_KEY)',
      );
    }
    this.ledger.onChange((subscriberId, change) => this.changed(subscriberId, change));
    this.ledger.start();
    await this.legacy.run();
    if (!this.config.webhooks.enabled) {
      this.logger.info('Webhook delivery is off (REDAKSI_WEBHOOKS_ENABLED=false): subscribers are kept, nothing is sent');
      return;
    }
    this.reconcile();
    this.reconciling = setInterval(() => this.reconcile(), RECONCILE_MS);
    this.reconciling.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.reconciling);
    const workers = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(workers.map((worker) => worker.stop()));
    await this.ledger.stop();
  }

  private changed(subscriberId: string, change: LedgerChange): void {
    switch (change) {
      case 'WebhookSubscriberRegistered':
        this.added(subscriberId);
        return;
      case 'WebhookSubscriberDeleted':
        void this.removed(subscriberId);
        return;
      case 'WebhookSubscriberReplayed':
        this.workers.get(subscriberId)?.restart();
        return;
      case 'WebhookDeliveriesRedriven':
        this.workers.get(subscriberId)?.wake();
        return;
      default:
        return;
    }
  }

  added(subscriberId: string): void {
    if (!this.config.webhooks.enabled || this.stopping || this.workers.has(subscriberId)) return;
    // Without the secret it cannot sign: leave the lease to an instance with the right key.
    if (this.subscribers.get(subscriberId)?.secret === null) return;
    const worker = new DeliveryWorker(subscriberId, {
      store: this.store,
      outbox: this.outbox,
      ledger: this.ledger,
      subscribers: this.subscribers,
      lease: this.lease,
      config: this.config.webhooks,
      logger: this.logger,
    });
    this.workers.set(subscriberId, worker);
    worker.start();
  }

  /** Stops the subscriber's worker. */
  async removed(subscriberId: string): Promise<void> {
    const worker = this.workers.get(subscriberId);
    this.workers.delete(subscriberId);
    await worker?.stop();
  }

  private reconcile(): void {
    const current = new Set(this.subscribers.list().map((subscriber) => subscriber.id));
    for (const id of current) this.added(id);
    for (const id of this.workers.keys()) if (!current.has(id)) void this.removed(id);
  }
}
