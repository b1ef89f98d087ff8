import type { EventData, JsonValue } from '../../src/platform/event-store/event-store.port.js';
import { importPeer } from './peers.js';

/**
 * The appends benchmark's peer: Emmett's SQLite event store, from the peer package
 * (bench/peers/src/emmett-store.ts), loaded at run time so that the product never installs it.
 */
export interface EmmettStore {
  /** Emmett's stream version is the number of events in the stream. */
  append(stream: string, events: readonly EventData[], expectedVersion: bigint): Promise<bigint>;
}

export interface SqliteDurability {
  readonly journalMode: string;
  readonly synchronous: string;
  readonly busyTimeoutMs: number;
}

export interface EmmettPeer {
  open(fileName: string): EmmettStore;
  /** The pragmas Emmett's own connections run with, read back from one opened as it opens them. */
  durability(fileName: string): Promise<SqliteDurability>;
}

type PeerEvent = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

interface EmmettStoreModule {
  openEmmettStore(fileName: string): { append(stream: string, events: readonly PeerEvent[], expectedVersion: bigint): Promise<bigint> };
  emmettDurability(fileName: string): Promise<SqliteDurability>;
}

export async function loadEmmettPeer(log: (line: string) => void): Promise<EmmettPeer> {
  const peer = await importPeer('emmett-store.js', log);
  if (!isEmmettStoreModule(peer)) throw new Error('bench/peers/dist/emmett-store.js does not export openEmmettStore and emmettDurability');
  return {
    open(fileName) {
      const store = peer.openEmmettStore(fileName);
      return { append: (stream, events, expectedVersion) => store.append(stream, events.map(toPeerEvent), expectedVersion) };
    },
    durability: (fileName) => peer.emmettDurability(fileName),
  };
}

function isEmmettStoreModule(value: Record<string, unknown>): value is Record<string, unknown> & EmmettStoreModule {
  return typeof value.openEmmettStore === 'function' && typeof value.emmettDurability === 'function';
}

/** The same event as the embedded store gets: type, JSON data, JSON metadata. */
function toPeerEvent(event: EventData): PeerEvent {
  return { type: event.type, data: asRecord(event.data), metadata: asRecord(event.metadata ?? {}) };
}

function asRecord(value: JsonValue | Uint8Array | undefined): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
    throw new TypeError('The benchmark only sends JSON objects');
  }
  return value;
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
