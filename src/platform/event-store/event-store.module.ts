import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { HealthModule, HealthRegistry } from '../health/index.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export const EMBEDDED_STORE_FILE = 'events.sqlite';

/** EventStoreDB when a connection string is configured, otherwise the embedded SQLite store. */
export function openEventStore(config: AppConfig, logger = new Logger('EventStore')): EventStore {
  if (config.eventStoreConnectionString !== undefined) {
    logger.log({ msg: 'Using EventStoreDB', connection: redact(config.eventStoreConnectionString) });
    return EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, EMBEDDED_STORE_FILE);
  logger.log({ msg: 'Using the embedded event store', file, synchronous: config.sqliteSynchronous });
  return SqliteEventStore.open({ path: file, synchronous: config.sqliteSynchronous });
}

function redact(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * Reports the store in /health (it answers a one-event read of the log) and closes it after
 * every other shutdown hook has stopped using it.
 */
@Injectable()
class EventStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    const kind = this.config.eventStoreConnectionString === undefined ? 'embedded' : 'eventstoredb';
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
