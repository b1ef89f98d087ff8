/**
 * The whole contract against a real EventStoreDB, when EVENTSTORE_CONNECTION_STRING names one
 * (e.g. `esdb://localhost:2113?tls=false`): `npm run test:esdb`. Streams are uuid-named, so a
 * shared server is fine. Without the variable the suite is skipped, saying why.
 */
import { EventStoreDbEventStore } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(
    `EventStoreDbEventStore on ${connectionString.replace(/\/\/[^@/]*@/, '//***@')}`,
    () => {
      const store = EventStoreDbEventStore.fromConnectionString(connectionString);
      // No dropConnection: a real server's connection cannot be cut from here, so case 29 closes the store.
      return Promise.resolve({ store, dispose: () => store.close() });
    },
    // Projections ($bc-, $ce-) and a remote server answer later than the embedded store.
    { waitMs: 15_000 },
  );
} else {
  describe.skip('EventStore contract: EventStoreDbEventStore on a real EventStoreDB [skipped: EVENTSTORE_CONNECTION_STRING is not set]', () => {
    test('runs with EVENTSTORE_CONNECTION_STRING=esdb://host:2113?tls=false npm run test:esdb', () => undefined);
  });
}
