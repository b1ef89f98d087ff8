import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../event-store/event-store.port.js';
import { type Logger, PINO_LOGGER } from '../../../logging/index.js';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../../delivery-config.js';
import { Outbox } from '../deliveries/outbox.js';
import { SubscriberStore } from '../subscribers/subscriber-store.js';
import { DeliveryWorker } from './delivery-worker.js';
import { DELIVERY_LEASE, type DeliveryLease } from './lease.js';

/** How often the subscriber list is compared with the running workers. */
const RECONCILE_MS = 5_000;

/**
 * One worker per subscriber, started with the application (subscribers are found in
 * delivery.sqlite, so they survive restarts) and when an admin registers one; stopped before
 * the event store closes. Every few seconds it also picks up subscribers that another process
 * sharing the data directory registered or removed.
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
  ) {}

  onApplicationBootstrap(): void {
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
  }

  added(subscriberId: string): void {
    if (!this.config.webhooks.enabled || this.stopping || this.workers.has(subscriberId)) return;
    const worker = new DeliveryWorker(subscriberId, {
      store: this.store,
      outbox: this.outbox,
      subscribers: this.subscribers,
      lease: this.lease,
      config: this.config.webhooks,
      logger: this.logger,
    });
    this.workers.set(subscriberId, worker);
    worker.start();
  }

  /** Stops the subscriber's worker; call before deleting the subscriber. */
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

  redriven(subscriberId: string): void {
    this.workers.get(subscriberId)?.wake();
  }

  replayed(subscriberId: string): void {
    this.workers.get(subscriberId)?.restart();
  }
}
