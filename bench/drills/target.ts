import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import type { EventStore, Position, RecordedEvent } from '../../src/platform/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { writeApiKeys } from '../../test/support/api-keys-fixture.js';
import { startServer } from '../../test/support/server-process.js';
import { startTestApp, type Who } from '../../test/support/test-app.js';

/** A running app the drills talk to over HTTP, and its store to check what was written. */
export interface DrillTarget {
  readonly baseUrl: string;
  readonly tokens: Record<Who, string>;
  readonly store: EventStore;
  close(): Promise<void>;
}

/** The real app in this process (createApp through the test app), listening on 127.0.0.1. */
export async function inProcessTarget(): Promise<DrillTarget> {
  const t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, tokens: t.tokens, store: t.store, close: () => t.close() };
}

/** The built server (`node dist/main.js`) as a child process on a fresh data directory; the store is opened beside it. */
export async function childProcessTarget(env: Record<string, string> = {}): Promise<DrillTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-drill-'));
  const keys = await writeApiKeys(dataDir);
  const server = await startServer({ REDAKSI_DATA_DIR: dataDir, REDAKSI_API_KEYS_FILE: keys.file, ...env });
  const store = SqliteEventStore.open({ path: path.join(dataDir, EMBEDDED_STORE_FILE) });
  return {
    baseUrl: server.baseUrl,
    tokens: keys.tokens,
    store,
    close: async () => {
      await server.kill('SIGTERM');
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The position of the last event, or undefined for an empty store. */
export async function headOf(store: EventStore): Promise<Position | undefined> {
  const [last] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
  return last?.position;
}

/** Every event after `position` (all of them when it is undefined). */
export async function eventsAfter(store: EventStore, position: Position | undefined): Promise<RecordedEvent[]> {
  const from = position === undefined ? 'start' : { commit: position.commit + 1n, prepare: position.prepare + 1n };
  return store.readAll({ fromPosition: from });
}

export function metadataOf(event: RecordedEvent): Record<string, unknown> {
  const metadata = event.metadata;
  return metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {};
}
