/**
 * The whole contract through the EventStoreDB adapter and the real @eventstore/db-client over a
 * real gRPC connection (loopback) to the test-only server of test/esdb, with the embedded SQLite
 * store behind it.
 */
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { describeEventStoreContract } from './event-store.contract.js';

// The SQLite store enforces the limit and the server passes its error on, as EventStoreDB does;
// a small one keeps case 11 from building megabytes of JSON.
const maxAppendSize = 64 * 1024;

describeEventStoreContract('EventStoreDbEventStore over gRPC to the test server (SQLite behind it)', async () => {
  const backing = await SqliteEventStore.open({ path: ':memory:', maxAppendSize });
  const server = await EsdbTestServer.start(backing);
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString, {
    resubscribe: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
  });
  return {
    store,
    capabilities: {
      maxAppendSize,
      // The adapter resubscribes after a drop that heals (test/esdb/resubscription.int-spec.ts);
      // here the server stays down, so its bounded retries run out and the iterator must throw.
      dropConnection: () => {
        server.halt();
        return Promise.resolve();
      },
    },
    dispose: async () => {
      await store.close();
      await server.stop();
      await backing.close();
    },
  };
});
