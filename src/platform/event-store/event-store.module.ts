import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { HealthModule, HealthRegistry } from '../health/index.js';
import { EventStoreUnavailableError } from './errors.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export const EMBEDDED_STORE_FILE = 'events.sqlite';

/** EventStoreDB when a connection string is configured, otherwise the embedded SQLite store. */
export function openEventStore(config: AppConfig, logger = new Logger('EventStore')): EventStore {
  if (config.eventStoreConnectionString !== undefined) {
    const store = EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString, {
      maxAppendSize: config.maxAppendSizeBytes,
      retryBudgetMs: config.eventStoreRetryBudgetMs,
    });
    logger.log({
      msg: 'Using EventStoreDB',
      connection: redact(config.eventStoreConnectionString),
      deadlineMs: store.callPolicy.deadlineMs,
      retryBudgetMs: store.callPolicy.retryBudgetMs,
      maxAppendSize: config.maxAppendSizeBytes,
    });
    return store;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, EMBEDDED_STORE_FILE);
  logger.log({
    msg: 'Using the embedded event store',
    file,
    synchronous: config.sqliteSynchronous,
    maxAppendSize: config.maxAppendSizeBytes,
  });
  return SqliteEventStore.open({ path: file, synchronous: config.sqliteSynchronous, maxAppendSize: config.maxAppendSizeBytes });
}

function redact(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * Checks an EventStoreDB server's version at start (a server older than 23.10 stops the start with
 * the reason; one that cannot be reached yet is checked on first use), reports the store in /health
 * (it answers a one-event read of the log, under the adapter's deadline) and closes it after every
 * other shutdown hook has stopped using it.
 */
@Injectable()
class EventStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    const kind = this.config.eventStoreConnectionString === undefined ? 'embedded' : 'eventstoredb';
    if (this.store instanceof EventStoreDbEventStore) {
      try {
        await this.store.verifyServer();
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError)) throw error;
        this.logger.warn({ msg: 'EventStoreDB cannot be reached at start; its version is checked on first use', error: error.message });
      }
    }
    this.health.register('eventStore', async () => {
      const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1 });
      return { status: 'ok', details: { kind, lastPosition: last === undefined ? null : String(last.position.commit) } };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The event store of this process, opened once; modules that read or write the log import it. */
@Module({
  imports: [HealthModule],
  providers: [
    { provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openEventStore(config) },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
