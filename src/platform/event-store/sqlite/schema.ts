import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

/** The stream-state byte kept per stream. */
export const StreamState = { live: 0, softDeleted: 1, tombstoned: 2 } as const;
export type StreamState = (typeof StreamState)[keyof typeof StreamState];

/** EventStoreDB's EventNumber.DeletedStream: the revision its tombstone record carries. */
export const TOMBSTONE_REVISION = 9_223_372_036_854_775_807n;

// `position` is the rowid, so SQLite assigns it as max+1 under the write lock: positions follow
// commit order even with several processes writing. Events are never deleted, so no rowid is reused.
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  content_type   TEXT    NOT NULL,
  data           BLOB    NOT NULL,
  metadata       TEXT,
  created        INTEGER NOT NULL,
  category       TEXT,
  correlation_id TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, revision);
CREATE INDEX IF NOT EXISTS events_by_event_id ON events (event_id, stream_id);
CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position) WHERE category IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_by_correlation ON events (correlation_id, position) WHERE correlation_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS streams (
  stream_id     TEXT    PRIMARY KEY,
  last_revision INTEGER NOT NULL,
  state         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`;

export interface ConnectionOptions {
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
}

export function configureWriter(db: Database.Database, options: ConnectionOptions, inMemory: boolean): void {
  if (!inMemory) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (journal_mode=${String(mode)})`);
  }
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  db.defaultSafeIntegers(true);
  migrate(db);
}

export function configureReader(db: Database.Database, options: ConnectionOptions): void {
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  db.pragma('query_only = ON');
  db.defaultSafeIntegers(true);
}

function migrate(db: Database.Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new Error(`Event store schema version ${version} is newer than this build understands (${SCHEMA_VERSION})`);
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
