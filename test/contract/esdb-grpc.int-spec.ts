/**
 * The whole contract through the EventStoreDB adapter and the real @eventstore/db-client over a
 * real gRPC connection (loopback) to the test-only server of test/esdb, with the embedded SQLite
 * store behind it.
 */
import { EventStoreDbEventStore } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { describeEventStoreContract, type ContractFixture } from './event-store.contract.js';

const FAST_RESUBSCRIBE = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 200 };

async function overTestServer(options: { maxAppendSize?: number; canDropConnection: boolean }): Promise<ContractFixture> {
  // The SQLite store enforces the append limit and the server passes its error on, as EventStoreDB does.
  const backing = SqliteEventStore.open({ path: ':memory:', ...(options.maxAppendSize ? { maxAppendSize: options.maxAppendSize } : {}) });
  const server = await EsdbTestServer.start(backing);
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString, { resubscribe: FAST_RESUBSCRIBE });
  const dropConnection = (): Promise<void> => {
    // The adapter resubscribes after a drop that heals (test/esdb/resubscription.int-spec.ts);
    // here the server stays down, so its bounded retries run out and the iterator must throw.
    server.halt();
    return Promise.resolve();
  };
  return {
    store,
    capabilities: {
      ...(options.maxAppendSize ? { maxAppendSize: options.maxAppendSize } : {}),
      ...(options.canDropConnection ? { dropConnection } : {}),
    },
    dispose: async () => {
      await store.close();
      await server.stop();
      await backing.close();
    },
  };
}

// A small limit keeps case 11 from building megabytes of JSON.
describeEventStoreContract('EventStoreDbEventStore over gRPC to the test server (SQLite behind it)', () =>
  overTestServer({ maxAppendSize: 64 * 1024, canDropConnection: true }),
);

// Shaped like esdb-real.int-spec.ts (EventStoreDB's 1 MiB limit, no way to cut the connection,
// so case 29 closes the store), to prove that fixture's path here where no real server runs.
describeEventStoreContract('EventStoreDbEventStore over gRPC to the test server, as configured for a real server', () =>
  overTestServer({ canDropConnection: false }),
);
