import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/index.js';
import { EventStoreModule } from '../platform/event-store/event-store.module.js';
import { EVENT_STORE, type EventStore } from '../platform/event-store/event-store.port.js';
import { HealthModule } from '../platform/health/health.module.js';
import { MetricsModule } from '../platform/metrics/metrics.module.js';
import { DELIVERY_CONFIG, type DeliveryConfig, type DeliveryOptions, loadDeliveryConfig } from './delivery-config.js';
import { FeedController } from './feed/feed.controller.js';
import { FeedStreamController } from './feed-stream/feed-stream.controller.js';
import { SseSessions } from './feed-stream/sse-sessions.js';
import { DeliveriesController } from './webhooks/deliveries/deliveries.controller.js';
import { Outbox } from './webhooks/deliveries/outbox.js';
import { DELIVERY_DATABASE, openDeliveryDatabase } from './webhooks/delivery-database.js';
import { DeliveryDatabaseLifecycle } from './webhooks/delivery-database.lifecycle.js';
import { LegacyDeliveryImport } from './webhooks/ledger/legacy-import.js';
import { loadSecretKey, SECRET_BOX, SecretBox } from './webhooks/ledger/secret-box.js';
import { WebhookLedger } from './webhooks/ledger/webhook-ledger.js';
import { SubscriberStore } from './webhooks/subscribers/subscriber-store.js';
import { SubscribersController } from './webhooks/subscribers/subscribers.controller.js';
import { DeliverySupervisor } from './webhooks/worker/delivery-supervisor.js';
import { EventStoreLease } from './webhooks/worker/event-store-lease.js';
import { DELIVERY_LEASE, ProcessLease } from './webhooks/worker/lease.js';

/**
 * Delivery to publishing services: the pull feed, the server-sent event stream and signed
 * webhooks, all computed from the log (nothing is published in-process after an append).
 * Webhook state is itself in the log (the ledger), so several instances share it.
 */
@Module({})
export class DeliveryModule {
  static forRoot(options: DeliveryOptions = {}): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [EventStoreModule, HealthModule, MetricsModule],
      controllers: [FeedController, FeedStreamController, SubscribersController, DeliveriesController],
      providers: [
        { provide: DELIVERY_CONFIG, useFactory: () => loadDeliveryConfig(process.env, options) },
        { provide: DELIVERY_DATABASE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDeliveryDatabase(config.dataDir) },
        {
          provide: DELIVERY_LEASE,
          inject: [DELIVERY_CONFIG, EVENT_STORE],
          useFactory: ({ webhooks }: DeliveryConfig, store: EventStore) =>
            webhooks.lease === 'log' ? new EventStoreLease(store, { ttlMs: webhooks.leaseTtlMs }) : new ProcessLease(),
        },
        {
          provide: SECRET_BOX,
          inject: [APP_CONFIG, DELIVERY_CONFIG],
          useFactory: (config: AppConfig, { webhooks }: DeliveryConfig) => new SecretBox(loadSecretKey(webhooks.secretKey, config.dataDir)),
        },
        WebhookLedger,
        LegacyDeliveryImport,
        DeliveryDatabaseLifecycle,
        SubscriberStore,
        Outbox,
        DeliverySupervisor,
        SseSessions,
      ],
    };
  }
}
