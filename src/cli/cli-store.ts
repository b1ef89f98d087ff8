import { Logger } from '@nestjs/common';
import { type AppConfig, ConfigError, loadConfig } from '../platform/config/index.js';
import { openEventStore } from '../platform/event-store/event-store.module.js';
import type { EventStore } from '../platform/event-store/event-store.port.js';

export const EXIT_OK = 0;
/** The answer is bad news: a broken chain, an article that does not exist. */
export const EXIT_FAILED = 1;
/** The question was wrong: bad arguments or configuration. */
export const EXIT_USAGE = 2;

/**
 * The store the server would use, from the same environment (REDAKSI_DATA_DIR or
 * EVENTSTORE_CONNECTION_STRING). Nest's informational logs would mix into the report on
 * stdout, so only warnings and errors are let through (Nest writes those to stderr).
 */
export function openConfiguredStore(): EventStore {
  Logger.overrideLogger(['warn', 'error']);
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_USAGE);
  }
  return openEventStore(config);
}

/** Runs a command with the store and always closes it, so an EventStoreDB client lets the process end. */
export async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = openConfiguredStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
