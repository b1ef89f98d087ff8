/**
 * What the server has to send for one category read and for one projection rebuild over a log of
 * 100,000 events of which 1,000 are the category's: bounded by the category, not by the log. Before the
 * adapter sent filters to the server, the category read shipped all 100,000 events to the client, and
 * the rebuild's checkpoint interval of 1 became the server's search window: 100,000 checkpoints.
 * The server counts every message it writes (test/esdb/server-context.ts).
 */
import { randomUUID } from 'node:crypto';
import type { EventData, EventStore } from '../../src/platform/event-store/event-store.port.js';
import { EventStoreDbEventStore } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { eventFilterOf } from '../../src/platform/projections/follow-generation.js';
import { deskProjection } from '../../src/read-models/desk/desk.projection.js';
import { EsdbTestServer, type EsdbTestServerOptions } from './esdb-test-server.js';

const LOG = 100_000;
const CATEGORY = 1_000;
const BATCH = 1_000;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

let backing: SqliteEventStore;

beforeAll(async () => {
  backing = SqliteEventStore.open({ path: ':memory:' });
  await seed(backing);
}, 120_000);

afterAll(async () => {
  await backing.close();
});

/** One category event every hundred, spread over 100 article streams, in a log of other streams. */
async function seed(store: EventStore): Promise<void> {
  const [articleType] = deskProjection.eventTypes;
  for (let batch = 0; batch < LOG / BATCH; batch++) {
    await store.appendToStream(
      `wire-${batch}`,
      Array.from({ length: BATCH - BATCH / 100 }, (_, i): EventData => ({ id: randomUUID(), type: 'WireStoryReceived', data: { i } })),
    );
    await store.appendToStream(
      `article-${batch % 100}`,
      Array.from({ length: BATCH / 100 }, (_, i): EventData => ({ id: randomUUID(), type: articleType!, data: { i } })),
    );
  }
}

async function against<T>(
  options: EsdbTestServerOptions,
  work: (store: EventStoreDbEventStore, server: EsdbTestServer) => Promise<T>,
): Promise<T> {
  const server = await EsdbTestServer.start(backing, options);
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString, { logger: quiet, deadlineMs: 60_000 });
  try {
    await store.verifyServer();
    return await work(store, server);
  } finally {
    await store.close();
    await server.stop();
  }
}

test.each([
  ['KurrentDB 25.1 (secondary index)', { version: '25.1.0' }],
  ['EventStoreDB 24.10 (server-side filter on $all)', { version: '24.10.0' }],
])(
  'a category read on %s sends the category, not the log',
  async (_, options) => {
    await against(options, async (store, server) => {
      const read = await store.readCategory('article');
      expect(read).toHaveLength(CATEGORY);
      expect(read.every((e) => e.streamId.startsWith('article-'))).toBe(true);
      // Pages overlap by one event and the tail read repeats the last indexed one.
      expect(server.stats.sent.events).toBeGreaterThanOrEqual(CATEGORY);
      expect(server.stats.sent.events).toBeLessThanOrEqual(CATEGORY + 5);
    });
  },
  60_000,
);

test('a projection rebuild subscription sends its events and one checkpoint per search window, not per event', async () => {
  await against({}, async (store, server) => {
    // What followGeneration asks for: the projection's event types, a checkpoint after every event read.
    const subscription = store.subscribeToAll({ fromPosition: 'start', filter: eventFilterOf(deskProjection), checkpointInterval: 1 });
    let events = 0;
    for await (const message of subscription) {
      if (message.kind === 'event') events++;
      if (message.kind === 'caughtUp') break;
    }
    await subscription.close();
    expect(events).toBe(CATEGORY);
    const { sent } = server.stats;
    expect(sent.events).toBe(CATEGORY);
    // 100,000 events considered in windows of 1,024, plus the one when it caught up.
    expect(sent.checkpoints).toBeLessThanOrEqual(Math.ceil(LOG / 1_024) + 2);
    expect(sent.events + sent.checkpoints + sent.caughtUp + sent.confirmations).toBeLessThan(CATEGORY + 200);
  });
}, 60_000);
