/**
 * Projections over the EventStoreDB adapter: the real client over gRPC to the test-only server of
 * test/esdb, with an embedded store behind it.
 */
import { EventStoreDbEventStore } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { describeProjectionContract } from './projection.contract.js';

describeProjectionContract('EventStoreDbEventStore over gRPC to the test server', async () => {
  const backing = SqliteEventStore.open({ path: ':memory:' });
  const server = await EsdbTestServer.start(backing);
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.stop();
      await backing.close();
    },
  };
});
