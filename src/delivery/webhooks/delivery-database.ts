import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DELIVERY_DATABASE_FILE = 'delivery.sqlite';
export const DELIVERY_DATABASE = Symbol('DeliveryDatabase');

/** Where a delivery.sqlite of schema 1 (the one that was authoritative) is set aside to be imported into the log. */
export const LEGACY_DELIVERY_DATABASE_FILE = 'delivery.v1.sqlite';

/**
 * This instance's copy of the webhook ledger: subscribers, their checkpoints, the outbox of
 * deliveries and every attempt, folded from the `webhook-subscriber-*` streams of the event log
 * (see ledger/). Every instance holds the same fold, so any of them answers the admin API and
 * any of them can take over delivering. It syncs FULL and moves the ledger position in the same
 * transaction as what it applied. It holds the subscribers' secrets in clear, so only its owner
 * may read it.
 */
export function openDeliveryDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DELIVERY_DATABASE_FILE);
  setAsideSchemaOne(file, path.join(dataDir, LEGACY_DELIVERY_DATABASE_FILE));
  const db = new Database(file);
  try {
    chmodSync(file, 0o600);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode for ${file} (journal_mode=${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

const SCHEMA_VERSION = 2;

/**
 * Schema 1 was the only copy of the subscribers; it is checkpointed into one file and moved
 * aside whole, for LegacyDeliveryImport to write into the log at start.
 */
function setAsideSchemaOne(file: string, legacy: string): void {
  if (!existsSync(file)) return;
  const db = new Database(file);
  let version: number;
  try {
    version = Number(db.pragma('user_version', { simple: true }));
    if (version === 1) db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  if (version !== 1) return;
  if (existsSync(legacy))
    throw new Error(`${legacy} is still waiting to be imported; move it away before setting aside another schema-1 ${path.basename(file)}`);
  renameSync(file, legacy);
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function migrate(db: Database.Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version === SCHEMA_VERSION) return;
  if (version !== 0) throw new Error(`${DELIVERY_DATABASE_FILE} has schema version ${version}; this build knows ${SCHEMA_VERSION}`);
  db.transaction(() => {
    db.exec(`
      CREATE TABLE ledger (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        position TEXT NOT NULL              -- cursor of the last log position folded in
      );
      CREATE TABLE subscribers (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        event_types TEXT NOT NULL,          -- JSON array of public event types
        topics TEXT NOT NULL,               -- JSON array; empty: every topic
        secret TEXT,                        -- NULL: sealed with a key this instance does not have
        description TEXT,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        generation INTEGER NOT NULL,        -- bumped by a replay: older deliveries are superseded
        checkpoint TEXT                     -- cursor of the last log position read; NULL: the start
      );
      CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, -- log order within a subscriber and generation
        id TEXT NOT NULL UNIQUE,
        subscriber_id TEXT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        generation INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        article_id TEXT NOT NULL,
        cursor TEXT NOT NULL,
        payload TEXT,                       -- the exact bytes sent, every attempt; NULL: derived from the log
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'parked', 'superseded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        round_attempts INTEGER NOT NULL DEFAULT 0, -- since enqueued or last re-driven
        next_attempt_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        last_status INTEGER,
        last_error TEXT,
        delivered_at INTEGER,
        parked_at INTEGER,
        parked_reason TEXT,
        UNIQUE (subscriber_id, generation, event_id)
      );
      CREATE INDEX deliveries_by_article ON deliveries (subscriber_id, article_id, status, seq);
      CREATE INDEX deliveries_by_status ON deliveries (subscriber_id, status, seq);
      CREATE TABLE delivery_attempts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
        status INTEGER,
        error TEXT,
        UNIQUE (delivery_id, attempt)
      );
      CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (delivery_id, seq);
    `);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
