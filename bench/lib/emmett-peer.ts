import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import type { EventData, JsonValue } from '../../src/platform/event-store/event-store.port.js';

/** The peer: Emmett's SQLite event store (@event-driven-io/emmett-sqlite 0.38.5, sqlite3 5.1.7). */
export interface EmmettStore {
  append(stream: string, events: readonly EventData[], expectedVersion: bigint): Promise<bigint>;
}

type EmmettEvent = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

export function openEmmettStore(fileName: string): EmmettStore {
  const store = getSQLiteEventStore({ fileName });
  return {
    async append(stream, events, expectedVersion) {
      const result = await store.appendToStream<EmmettEvent>(stream, events.map(toEmmettEvent), {
        expectedStreamVersion: expectedVersion,
      });
      return result.nextExpectedStreamVersion;
    },
  };
}

/** The same event as the embedded store gets: type, JSON data, JSON metadata. */
function toEmmettEvent(event: EventData): EmmettEvent {
  return { type: event.type, data: asRecord(event.data), metadata: asRecord(event.metadata ?? {}) };
}

function asRecord(value: JsonValue | Uint8Array | undefined): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
    throw new TypeError('The benchmark only sends JSON objects');
  }
  return value;
}

export interface SqliteDurability {
  readonly journalMode: string;
  readonly synchronous: string;
  readonly busyTimeoutMs: number;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/**
 * What Emmett's connections actually run with: it sets only `journal_mode = WAL` and leaves
 * the rest to the sqlite3 build's defaults, so ask a connection opened the way it opens them.
 */
export async function emmettDurability(fileName: string): Promise<SqliteDurability> {
  const connection = sqliteConnection({ fileName });
  try {
    await connection.query('SELECT 1');
    const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
    const synchronous = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
    const busy = await connection.querySingle<{ timeout: number }>('PRAGMA busy_timeout');
    return {
      journalMode: journal?.journal_mode ?? 'unknown',
      synchronous: SYNCHRONOUS[synchronous?.synchronous ?? -1] ?? `unknown (${String(synchronous?.synchronous)})`,
      busyTimeoutMs: busy?.timeout ?? NaN,
    };
  } finally {
    connection.close();
  }
}

/**
 * Emmett's transaction helper logs every failed transaction with console.log; in the concurrent
 * case that is hundreds of stack traces. Count them instead of printing them.
 */
export async function withQuietConsole<T>(work: () => Promise<T>): Promise<{ value: T; suppressed: number }> {
  const original = console.log;
  let suppressed = 0;
  console.log = () => {
    suppressed += 1;
  };
  try {
    return { value: await work(), suppressed };
  } finally {
    console.log = original;
  }
}
