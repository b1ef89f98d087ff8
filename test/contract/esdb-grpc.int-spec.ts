/**
 * The whole contract through the EventStoreDB adapter and the real @eventstore/db-client over a
 * real gRPC connection (loopback) to the test-only server of test/esdb, with the embedded SQLite
 * store behind it. Appends take the path they take on every supported server, BatchAppend.
 */
import { EventStoreDbEventStore } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer, type EsdbTestServerOptions } from '../esdb/esdb-test-server.js';
import { describeEventStoreContract, type ContractFixture } from './event-store.contract.js';

const FAST_RESUBSCRIBE = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 200 };
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function overTestServer(options: {
  maxAppendSize?: number;
  canDropConnection: boolean;
  server?: EsdbTestServerOptions;
}): Promise<ContractFixture> {
  const backing = SqliteEventStore.open({ path: ':memory:', maxAppendSize: 16 * 1024 * 1024 });
  const server = await EsdbTestServer.start(backing, options.server);
  // The adapter enforces the limit itself, so that every store refuses the same appends.
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString, {
    resubscribe: FAST_RESUBSCRIBE,
    retryBudgetMs: 300,
    logger: quiet,
    ...(options.maxAppendSize ? { maxAppendSize: options.maxAppendSize } : {}),
  });
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
      // Every append of events went through BatchAppend, none through the fallback (metadata goes
      // through Append on purpose: see grpc/metadata-append.ts).
      expect(server.stats.calls.append).toBeUndefined();
      await server.stop();
      await backing.close();
    },
  };
}

// A small limit keeps case 11 from building megabytes of JSON.
describeEventStoreContract('EventStoreDbEventStore over gRPC to the test server (SQLite behind it)', () =>
  overTestServer({ maxAppendSize: 64 * 1024, canDropConnection: true }),
);

// Shaped like esdb-real.int-spec.ts (the 1 MiB default, no way to cut the connection, so case 29
// closes the store), to prove that fixture's path here where no real server runs.
describeEventStoreContract('EventStoreDbEventStore over gRPC to the test server, as configured for a real server', () =>
  overTestServer({ canDropConnection: false }),
);

// A 24.10 node with the system projections running and an old log: category and correlation reads
// come from $ce-/$bc- links, and commit positions of multi-event appends differ from their prepares.
describeEventStoreContract('EventStoreDbEventStore over gRPC to a 24.10 test server with system projections and legacy positions', () =>
  overTestServer({
    maxAppendSize: 64 * 1024,
    canDropConnection: true,
    server: { version: '24.10.0', systemProjections: true, legacyCommitPositions: true },
  }),
);
