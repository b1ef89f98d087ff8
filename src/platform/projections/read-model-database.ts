import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrateGenerations } from './generations.js';

export const READ_MODEL_FILE = 'read-models.sqlite';

/** Injection token for this process's ReadModelDatabase. */
export const READ_MODEL_DATABASE = Symbol('ReadModelDatabase');

export interface ReadModelDatabase {
  /** Runners' transactions. Several processes may hold one (API, projector, rebuild); SQLite serialises them. */
  readonly writer: Database.Database;
  /** Queries only; WAL lets it read a consistent snapshot while a runner writes. */
  readonly reader: Database.Database;
  readonly file: string;
  close(): void;
}

/**
 * The read models live in their own SQLite file beside the event store: they are disposable (rebuilt from
 * the log), so they sync with NORMAL: a power cut may lose the last batches, never corrupt, and the
 * checkpoint goes back with them because both are in one transaction.
 */
export function openReadModelDatabase(dataDir: string, busyTimeoutMs = 5_000): ReadModelDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, READ_MODEL_FILE);
  const writer = new Database(file);
  let reader: Database.Database | undefined;
  try {
    const mode = writer.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode for ${file} (journal_mode=${String(mode)})`);
    writer.pragma('synchronous = NORMAL');
    writer.pragma(`busy_timeout = ${busyTimeoutMs}`);
    migrateGenerations(writer);
    reader = new Database(file);
    reader.pragma(`busy_timeout = ${busyTimeoutMs}`);
    reader.pragma('query_only = ON');
  } catch (error) {
    reader?.close();
    writer.close();
    throw error;
  }
  const opened = reader;
  return {
    writer,
    reader: opened,
    file,
    close: () => {
      if (opened.open) opened.close();
      if (writer.open) writer.close();
    },
  };
}
