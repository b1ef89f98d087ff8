/**
 * The EventStoreDB adapter against the faults a production cluster shows, played by the test server:
 * hung and slow calls (deadlines), NotLeader after an election (reads go to the leader), nodes that are
 * not ready, reset streams (INTERNAL), subscriptions that are reset or never confirmed. Real client,
 * real gRPC over loopback. Every wait is bounded; no assertion is about how long something took.
 */
import { randomUUID } from 'node:crypto';
import type { EventData, SubscriptionMessage } from '../../src/platform/event-store/event-store.port.js';
import { EventStoreDeadlineExceededError, EventStoreUnavailableError } from '../../src/platform/event-store/errors.js';
import { EventStoreDbEventStore, type EventStoreDbOptions } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from './esdb-test-server.js';

const WAIT_MS = 10_000;
const DEADLINE_MS = 400;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

let backing: SqliteEventStore;
let server: EsdbTestServer;
const stores: EventStoreDbEventStore[] = [];
const servers: EsdbTestServer[] = [];

beforeEach(async () => {
  backing = SqliteEventStore.open({ path: ':memory:' });
  server = await EsdbTestServer.start(backing);
  servers.push(server);
});

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const s of servers.splice(0)) await s.stop();
  await backing.close();
});

function open(connectionString = server.connectionString, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
  const store = EventStoreDbEventStore.fromConnectionString(connectionString, {
    deadlineMs: DEADLINE_MS,
    retryBudgetMs: 2_000,
    resubscribe: { maxAttempts: 6, initialDelayMs: 20, maxDelayMs: 200 },
    logger: quiet,
    ...options,
  });
  stores.push(store);
  return store;
}

function event(n = 0): EventData {
  return { id: randomUUID(), type: 'Tested', data: { n } };
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${WAIT_MS} ms`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  await within(
    (async () => {
      while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
    })(),
    what,
  );
}

async function next(iterator: AsyncIterator<SubscriptionMessage>): Promise<SubscriptionMessage> {
  const result = await within(iterator.next(), 'a subscription message');
  if (result.done) throw new Error('subscription ended');
  return result.value;
}

describe('deadlines', () => {
  test('a hung read fails with EventStoreDeadlineExceededError and the call is cancelled on the server', async () => {
    const store = open();
    await store.verifyServer();
    server.faults.inject({ method: 'read', fault: { kind: 'hang' } });
    const error = await within(
      store.readStream('s').catch((e: unknown) => e),
      'read',
    );
    expect(error).toBeInstanceOf(EventStoreDeadlineExceededError);
    expect(error).toMatchObject({ operation: 'readStream', deadlineMs: DEADLINE_MS });
    await until(() => server.faults.hanging === 0, 'the hung call to be cancelled');
  });

  test('a hung batch append fails at the deadline; retried with the same ids it is written once', async () => {
    const store = open();
    await store.verifyServer();
    const events = [event(1), event(2)];
    server.faults.inject({ method: 'batchAppend', fault: { kind: 'hang' }, times: 1 });
    await expect(within(store.appendToStream('hung', events), 'append')).rejects.toBeInstanceOf(EventStoreDeadlineExceededError);
    // The server lets the hung append through now; the retry finds it written.
    server.faults.clear();
    const result = await within(store.appendToStream('hung', events, { expectedRevision: 'no_stream' }), 'retry');
    expect(result.nextExpectedRevision).toBe(1n);
    expect((await backing.readStream('hung')).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  test("a ServerFeatures call that hangs under the client's first append does not hold later appends", async () => {
    const store = open();
    await store.verifyServer(); // the adapter's own ServerFeatures call
    // The client's lazy probe, asked before its first append, hangs.
    server.faults.inject({ method: 'serverFeatures', fault: { kind: 'hang' }, times: 1 });
    await expect(within(store.appendToStream('probe', [event()]), 'append')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    const result = await within(store.appendToStream('probe', [event()]), 'next append');
    expect(result.nextExpectedRevision).toBe(0n);
  });

  test('a slow call within the deadline is waited for; one past it is not', async () => {
    const store = open();
    await store.appendToStream('slow', [event()]);
    server.faults.inject({ method: 'read', fault: { kind: 'delay', ms: 50 }, times: 1 });
    expect(await within(store.readStream('slow'), 'slow read')).toHaveLength(1);
    server.faults.inject({ method: 'read', fault: { kind: 'delay', ms: DEADLINE_MS * 3 }, times: 1 });
    await expect(within(store.readStream('slow'), 'too slow read')).rejects.toBeInstanceOf(EventStoreDeadlineExceededError);
  });

  test('the deadline comes from the connection string when not given', () => {
    const store = EventStoreDbEventStore.fromConnectionString(`${server.connectionString}&defaultDeadline=1234`, { logger: quiet });
    stores.push(store);
    expect(store.callPolicy).toEqual({ deadlineMs: 1234, retryBudgetMs: 5_000 });
  });
});

describe('leaders and transient failures', () => {
  test('after an election the adapter reads and writes on the leader the follower names', async () => {
    const leader = await EsdbTestServer.start(backing);
    servers.push(leader);
    server.followLeader({ host: '127.0.0.1', port: leader.port });
    const store = open(server.connectionString);
    const written = await within(store.appendToStream('elected', [event()]), 'append');
    expect(written.nextExpectedRevision).toBe(0n);
    expect(await within(store.readStream('elected'), 'read')).toHaveLength(1);
    expect(server.faults.answered.map((a) => a.fault)).toContain('notLeader');
    expect(leader.stats.leaderReads).toBeGreaterThan(0);
    expect(await backing.readStream('elected')).toHaveLength(1);
  });

  test('reads of the log are not pinned to the leader; stream and metadata reads are', async () => {
    const store = open();
    await store.appendToStream('pinned', [event()]);
    const before = server.stats.leaderReads;
    await store.readAll({ maxCount: 1 });
    expect(server.stats.leaderReads).toBe(before);
    await store.readStream('pinned');
    await store.getStreamMetadata('pinned');
    expect(server.stats.leaderReads).toBe(before + 2);
  });

  test('Not Ready and a reset stream are retried; the append is written once', async () => {
    const store = open();
    await store.verifyServer();
    server.faults.inject({ method: 'batchAppend', fault: { kind: 'notReady' }, times: 2 });
    const appended = event();
    expect((await within(store.appendToStream('retried', [appended]), 'append')).nextExpectedRevision).toBe(0n);
    server.faults.inject({ method: 'read', fault: { kind: 'rstStream' }, times: 1 });
    expect((await within(store.readStream('retried'), 'read')).map((e) => e.id)).toEqual([appended.id]);
    expect(server.faults.answered.map((a) => a.fault)).toEqual(['notReady', 'notReady', 'rstStream']);
  });

  test('retries stop at the budget: a node that stays not ready is EventStoreUnavailableError', async () => {
    const store = open(server.connectionString, { deadlineMs: 5_000, retryBudgetMs: 200 });
    await store.verifyServer();
    server.faults.inject({ method: 'read', fault: { kind: 'notReady' } });
    const error = await within(
      store.readStream('never').catch((e: unknown) => e),
      'read',
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error).not.toBeInstanceOf(EventStoreDeadlineExceededError);
    expect(server.faults.answered.length).toBeGreaterThan(1);
  });
});

describe('subscriptions', () => {
  test('a subscription whose stream is reset (INTERNAL) subscribes again: nothing lost, nothing repeated', async () => {
    const store = open();
    await store.appendToStream('sub-a', [event(0), event(1)]);
    const subscription = store.subscribeToAll({ filter: { on: 'streamName', prefixes: ['sub-'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const seen: number[] = [];
    const take = async (count: number): Promise<void> => {
      while (seen.length < count) {
        const message = await next(iterator);
        if (message.kind === 'event') seen.push((message.event.data as { n: number }).n);
      }
    };
    await take(2);
    const subscribed = server.stats.subscriptions;
    expect(server.resetSubscriptions()).toBe(1);
    await store.appendToStream('sub-a', [event(2)]);
    await store.appendToStream('sub-b', [event(3)]);
    await take(4);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(server.stats.subscriptions).toBeGreaterThan(subscribed);
    await subscription.close();
  });

  test('a subscription the server never confirms is given up and made again', async () => {
    const store = open();
    await store.appendToStream('unconfirmed', [event(7)]);
    server.faults.inject({ method: 'subscribe', fault: { kind: 'hang' }, times: 1 });
    const subscription = store.subscribeToAll({ filter: { on: 'streamName', prefixes: ['unconfirmed'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const message = await next(iterator);
    expect(message.kind === 'event' && message.event.data).toEqual({ n: 7 });
    expect(server.stats.subscriptions).toBeGreaterThanOrEqual(2);
    await subscription.close();
  });

  test('falling behind on the server brings a second caught_up, which the port does not repeat', async () => {
    const store = open();
    await store.appendToStream('behind', [event(0)]);
    const subscription = store.subscribeToAll({ filter: { on: 'streamName', prefixes: ['behind'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const messages: SubscriptionMessage[] = [];
    while (!messages.some((m) => m.kind === 'caughtUp')) messages.push(await next(iterator));
    await until(() => server.fallBehind({ announce: true }) === 1, 'a live subscription to make fall behind');
    await store.appendToStream('behind', [event(1)]);
    for (;;) {
      const message = await next(iterator);
      messages.push(message);
      if (message.kind === 'event') break;
    }
    expect(messages.filter((m) => m.kind === 'caughtUp')).toHaveLength(1);
    expect(messages.flatMap((m) => (m.kind === 'event' ? [(m.event.data as { n: number }).n] : []))).toEqual([0, 1]);
    await subscription.close();
  });
});
