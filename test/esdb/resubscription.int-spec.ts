/**
 * The EventStoreDB adapter's subscription survives a dropped gRPC connection: it subscribes
 * again from the last position it received, so nothing is lost and nothing repeated, and it
 * gives up with EventStoreUnavailableError (never a silent hang) when the server stays away.
 * Real client library, real gRPC over loopback, test server from this folder.
 */
import { randomUUID } from 'node:crypto';
import type { EventData, EventStore, Subscription, SubscriptionMessage } from '../../src/platform/event-store/event-store.port.js';
import { EventStoreUnavailableError } from '../../src/platform/event-store/errors.js';
import { EventStoreDbEventStore } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { EsdbTestServer } from './esdb-test-server.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';

const WAIT_MS = 5_000;
const FAST_RESUBSCRIBE = { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 200 };

let backing: EventStore;
let server: EsdbTestServer;
let store: EventStoreDbEventStore;

beforeEach(async () => {
  backing = SqliteEventStore.open({ path: ':memory:' });
  server = await EsdbTestServer.start(backing);
  store = EventStoreDbEventStore.fromConnectionString(server.connectionString, { resubscribe: FAST_RESUBSCRIBE });
});

afterEach(async () => {
  await store.close();
  await server.stop();
  await backing.close();
});

function events(stream: string, count: number, from = 0): EventData[] {
  return Array.from({ length: count }, (_, i) => ({ id: randomUUID(), type: 'Numbered', data: { stream, n: from + i } }));
}

async function nextWithin(iterator: AsyncIterator<SubscriptionMessage>, ms = WAIT_MS): Promise<SubscriptionMessage> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no subscription message within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error('subscription ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

/** Pulls messages until `count` events have arrived; returns every message seen. */
async function takeEvents(iterator: AsyncIterator<SubscriptionMessage>, count: number): Promise<SubscriptionMessage[]> {
  const seen: SubscriptionMessage[] = [];
  let got = 0;
  while (got < count) {
    const message = await nextWithin(iterator);
    seen.push(message);
    if (message.kind === 'event') got++;
  }
  return seen;
}

function numbers(messages: readonly SubscriptionMessage[]): number[] {
  return messages.flatMap((m) => (m.kind === 'event' ? [(m.event.data as { n: number }).n] : []));
}

async function until(condition: () => boolean, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a drop mid-subscription resumes after the last event: nothing lost, nothing repeated, caughtUp once', async () => {
  await store.appendToStream('article-a', events('article-a', 5));
  const subscription: Subscription = store.subscribeToAll();
  const iterator = subscription[Symbol.asyncIterator]();
  const before = await takeEvents(iterator, 5);
  expect(numbers(before)).toEqual([0, 1, 2, 3, 4]);
  const caughtUp = await nextWithin(iterator);
  expect(caughtUp.kind).toBe('caughtUp');
  expect(server.stats.subscriptions).toBe(1);

  await server.dropConnections();
  // Written after the drop, through the adapter (its client reconnects for the append too).
  await store.appendToStream('article-a', events('article-a', 5, 5), { expectedRevision: 4n });

  const after = await takeEvents(iterator, 5);
  expect(numbers(after)).toEqual([5, 6, 7, 8, 9]);
  expect(after.filter((m) => m.kind === 'caughtUp')).toEqual([]);
  expect(server.stats.subscriptions).toBeGreaterThanOrEqual(2);
  await subscription.close();
});

test('a drop while history is still streaming to a slow consumer loses and repeats nothing', async () => {
  for (let i = 0; i < 10; i++) await backing.appendToStream(`article-${i}`, events(`article-${i}`, 100, i * 100));
  const subscription = store.subscribeToAll();
  const iterator = subscription[Symbol.asyncIterator]();
  const seen = await takeEvents(iterator, 300);
  await server.dropConnections();
  seen.push(...(await takeEvents(iterator, 700)));
  const got = numbers(seen);
  expect(got).toHaveLength(1000);
  expect(got).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  await subscription.close();
});

test('a filtered subscription resumes from its last checkpoint over filtered-out events', async () => {
  await backing.appendToStream('article-a', events('article-a', 2));
  await backing.appendToStream('other-x', events('other-x', 40));
  // Catching up, checkpoints come once per search window: a small one, to have several.
  const windowed = EventStoreDbEventStore.fromConnectionString(server.connectionString, { resubscribe: FAST_RESUBSCRIBE, searchWindow: 8 });
  const subscription = windowed.subscribeToAll({ filter: { on: 'streamName', prefixes: ['article-'] }, checkpointInterval: 8 });
  const iterator = subscription[Symbol.asyncIterator]();
  const first: SubscriptionMessage[] = [];
  while (!first.some((m) => m.kind === 'caughtUp')) first.push(await nextWithin(iterator));
  expect(numbers(first)).toEqual([0, 1]);
  const checkpoints = first.flatMap((m) => (m.kind === 'checkpoint' ? [m.position.commit] : []));
  expect(checkpoints.length).toBeGreaterThanOrEqual(4);
  expect([...checkpoints].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(checkpoints);

  await server.dropConnections();
  await backing.appendToStream('other-x', events('other-x', 3, 40));
  await backing.appendToStream('article-a', events('article-a', 1, 2));

  const after = await takeEvents(iterator, 1);
  expect(numbers(after)).toEqual([2]);
  const lastBefore = checkpoints[checkpoints.length - 1]!;
  for (const m of after) if (m.kind === 'checkpoint') expect(m.position.commit).toBeGreaterThan(lastBefore);
  await subscription.close();
  await windowed.close();
});

test('a server that comes back within the retry budget is resubscribed to', async () => {
  const subscription = store.subscribeToAll();
  const iterator = subscription[Symbol.asyncIterator]();
  expect((await nextWithin(iterator)).kind).toBe('caughtUp');
  server.halt();
  await until(() => server.stats.subscriptions === 1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await server.resume();
  await backing.appendToStream('article-b', events('article-b', 1));
  expect(numbers(await takeEvents(iterator, 1))).toEqual([0]);
  await subscription.close();
});

test('a server that stays away makes the iterator throw EventStoreUnavailableError, bounded in time', async () => {
  const subscription = store.subscribeToAll();
  const iterator = subscription[Symbol.asyncIterator]();
  expect((await nextWithin(iterator)).kind).toBe('caughtUp');
  server.halt();
  // 4 attempts at 20, 40, 80, 160 ms: well within the wait.
  await expect(nextWithin(iterator)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  await subscription.close();
});

test('close() releases a subscription that is waiting for live events', async () => {
  const subscription = store.subscribeToAll();
  const iterator = subscription[Symbol.asyncIterator]();
  expect((await nextWithin(iterator)).kind).toBe('caughtUp');
  const pending = iterator.next();
  await subscription.close();
  await expect(pending).resolves.toEqual({ done: true, value: undefined });
});
