import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';

/**
 * The benchmarks' peer for appends: Emmett's SQLite event store (@event-driven-io/emmett-sqlite
 * 0.38.5 on sqlite3 5.1.7), loaded at run time by bench/lib/emmett-peer.ts.
 */
export interface PeerEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export interface EmmettStore {
  /** `expectedVersion` is Emmett's: the number of events already in the stream. */
  append(stream: string, events: readonly PeerEvent[], expectedVersion: bigint): Promise<bigint>;
}

export function openEmmettStore(fileName: string): EmmettStore {
  const store = getSQLiteEventStore({ fileName });
  return {
    async append(stream, events, expectedVersion) {
      const result = await store.appendToStream<{ type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>(
        stream,
        events.map((event) => ({ type: event.type, data: event.data, metadata: event.metadata })),
        { expectedStreamVersion: expectedVersion },
      );
      return result.nextExpectedStreamVersion;
    },
  };
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
