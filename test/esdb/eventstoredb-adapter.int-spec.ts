/**
 * What the EventStoreDB adapter does beyond the shared contract: emulations of what client
 * 6.2.1 lacks, and how it reports a server it cannot reach. Real client, real gRPC over
 * loopback, test server from this folder with the embedded SQLite store behind it.
 */
import { randomUUID } from 'node:crypto';
import type { EventData, SubscriptionMessage } from '../../src/platform/event-store/event-store.port.js';
import {
  EventStoreClosedError,
  EventStoreUnavailableError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  UnsupportedEventStoreServerError,
  WrongExpectedVersionError,
} from '../../src/platform/event-store/errors.js';
import { EventStoreDbEventStore } from '../../src/platform/event-store/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from './esdb-test-server.js';

const WAIT_MS = 5_000;

let backing: SqliteEventStore;
let server: EsdbTestServer;
let store: EventStoreDbEventStore;

beforeEach(async () => {
  backing = SqliteEventStore.open({ path: ':memory:' });
  server = await EsdbTestServer.start(backing);
  store = EventStoreDbEventStore.fromConnectionString(server.connectionString, {
    resubscribe: { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 200 },
    readPageSize: 3,
    // A server that stays down is given up on quickly here.
    retryBudgetMs: 300,
  });
});

afterEach(async () => {
  await store.close();
  await server.stop();
  await backing.close();
});

function event(data: Record<string, string | number> = {}): EventData {
  return { id: randomUUID(), type: 'Tested', data };
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${WAIT_MS} ms`)), WAIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function next(iterator: AsyncIterator<SubscriptionMessage>): Promise<SubscriptionMessage> {
  const result = await within(iterator.next(), 'a subscription message');
  if (result.done) throw new Error('subscription ended');
  return result.value;
}

test('a subscription from the end that loses its connection before any event misses nothing written meanwhile', async () => {
  await store.appendToStream('history', [event(), event()]);
  const subscription = store.subscribeToAll({ fromPosition: 'end' });
  const iterator = subscription[Symbol.asyncIterator]();
  expect((await next(iterator)).kind).toBe('caughtUp');
  server.halt();
  // Written while the adapter cannot reach the server; "end" must not move past it on resubscription.
  const during = event({ when: 'during' });
  await backing.appendToStream('live', [during]);
  await server.resume();
  const message = await next(iterator);
  expect(message.kind === 'event' && message.event.id).toBe(during.id);
  await subscription.close();
});

test('filtered reads of $all are filtered by the server and paged', async () => {
  for (let i = 0; i < 5; i++) {
    await store.appendToStream(`keep-${i}`, [event({ i })]);
    await store.appendToStream(`skip-${i}`, [event({ i })]);
  }
  const kept = await store.readAll({ filter: { on: 'streamName', prefixes: ['keep-'] } });
  expect(kept.map((e) => e.streamId)).toEqual(['keep-0', 'keep-1', 'keep-2', 'keep-3', 'keep-4']);
  const lastTwo = await store.readAll({ direction: 'backwards', maxCount: 2, filter: { on: 'streamName', regex: '^keep-' } });
  expect(lastTwo.map((e) => e.streamId)).toEqual(['keep-4', 'keep-3']);
  const fromThird = await store.readAll({ fromPosition: kept[2]!.position, filter: { on: 'streamName', prefixes: ['keep-'] } });
  expect(fromThird.map((e) => e.streamId)).toEqual(['keep-2', 'keep-3', 'keep-4']);
  // A real server starts a backwards read before the position; the port includes it.
  const backFromThird = await store.readAll({
    direction: 'backwards',
    fromPosition: kept[2]!.position,
    filter: { on: 'streamName', prefixes: ['keep-'] },
  });
  expect(backFromThird.map((e) => e.streamId)).toEqual(['keep-2', 'keep-1', 'keep-0']);
  // Only the five matching events travelled for the first read (page size 3: two calls).
  expect(server.stats.sent.events).toBeLessThan(30);
});

test('stream metadata is exact to 64 bits: a soft delete reads back as 2^63-1 and can be written back', async () => {
  await store.appendToStream('leased', [event(), event()]);
  await store.setStreamMetadata('leased', { maxCount: 20, owner: 'desk' });
  await store.deleteStream('leased');
  const { metadata } = await store.getStreamMetadata('leased');
  expect(metadata).toEqual({ truncateBefore: 9_223_372_036_854_775_807n });
  // What the webhook lease does: keep what is there, add maxCount; the write brings the stream back.
  await store.setStreamMetadata('leased', { ...metadata, maxCount: 20 });
  expect((await store.getStreamMetadata('leased')).metadata).toEqual({ truncateBefore: 2n, maxCount: 20 });
  await store.appendToStream('leased', [event({ after: 'delete' })]);
  expect((await store.readStream('leased')).map((e) => [e.revision, e.data])).toEqual([[2n, { after: 'delete' }]]);
});

test("the adapter's append limit holds before anything travels; the server's per-event limit is the same 413", async () => {
  const limited = EventStoreDbEventStore.fromConnectionString(server.connectionString, { maxAppendSize: 1_000 });
  try {
    const calls = { ...server.stats.calls };
    const big = await limited.appendToStream('big', [event({ text: 'x'.repeat(1_000) })]).catch((e: unknown) => e);
    expect(big).toBeInstanceOf(MaxAppendSizeExceededError);
    expect(big).toMatchObject({ streamName: 'big', maxAppendSize: 1_000 });
    expect(server.stats.calls).toEqual(calls);
  } finally {
    await limited.close();
  }
  const strict = await EsdbTestServer.start(backing, { version: '25.0.0', limits: { maxAppendEventSize: 100 } });
  const onStrict = EventStoreDbEventStore.fromConnectionString(strict.connectionString);
  try {
    const refused = await onStrict.appendToStream('big', [event({ text: 'x'.repeat(200) })]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MaxAppendSizeExceededError);
    await expect(backing.readStream('big')).rejects.toBeInstanceOf(StreamNotFoundError);
  } finally {
    await onStrict.close();
    await strict.stop();
  }
});

test('kurrentdb:// connection strings are the same format', async () => {
  const kurrent = EventStoreDbEventStore.fromConnectionString(server.connectionString.replace('esdb://', 'kurrentdb://'));
  try {
    await kurrent.appendToStream('k', [event()]);
    expect(await kurrent.readStream('k')).toHaveLength(1);
  } finally {
    await kurrent.close();
  }
});

test.each([
  ['23.6.0', false],
  [null, false],
  ['not-a-version', false],
  ['23.10.0', true],
  ['24.10.3', true],
  ['26.1.0', true],
])('server version %s is supported: %s', async (version, supported) => {
  const other = await EsdbTestServer.start(backing, { version });
  const onOther = EventStoreDbEventStore.fromConnectionString(other.connectionString, {
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
  });
  try {
    if (supported) {
      expect((await onOther.verifyServer()).version).toBe(version);
    } else {
      await expect(onOther.verifyServer()).rejects.toBeInstanceOf(UnsupportedEventStoreServerError);
      // Refused for good: no operation runs against it.
      await expect(onOther.appendToStream('x', [event()])).rejects.toBeInstanceOf(UnsupportedEventStoreServerError);
    }
  } finally {
    await onOther.close();
    await other.stop();
  }
});

test('deleteStream with stream_exists, which client 6.2.1 cannot send, is emulated', async () => {
  const error = await store.deleteStream('absent', { expectedRevision: 'stream_exists' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ streamName: 'absent', expected: 'stream_exists', actual: 'no_stream' });

  await store.appendToStream('present', [event(), event()]);
  await store.deleteStream('present', { expectedRevision: 'stream_exists' });
  await expect(store.readStream('present')).rejects.toBeInstanceOf(StreamNotFoundError);
});

test('an unreachable server is reported as EventStoreUnavailableError, not a hang', async () => {
  server.halt();
  await expect(within(store.readStream('any'), 'read')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  await expect(within(store.appendToStream('any', [event()]), 'append')).rejects.toBeInstanceOf(EventStoreUnavailableError);
});

test('closing the store ends its subscriptions with EventStoreClosedError; later ones report it on first use', async () => {
  const subscription = store.subscribeToAll();
  const iterator = subscription[Symbol.asyncIterator]();
  expect((await next(iterator)).kind).toBe('caughtUp');
  const pending = iterator.next();
  pending.catch(() => undefined);
  await store.close();
  await expect(pending).rejects.toBeInstanceOf(EventStoreClosedError);

  const late = store.subscribeToAll()[Symbol.asyncIterator]();
  await expect(within(late.next(), 'late subscription')).rejects.toBeInstanceOf(EventStoreClosedError);
  await expect(store.readStream('x')).rejects.toBeInstanceOf(EventStoreClosedError);
});

test('an empty append checks the expected revision and reports the stream as it is', async () => {
  expect(await store.appendToStream('empty', [], { expectedRevision: 'no_stream' })).toMatchObject({ nextExpectedRevision: -1n });
  await expect(store.appendToStream('empty', [], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  const written = await store.appendToStream('empty', [event(), event()]);
  expect(await store.appendToStream('empty', [], { expectedRevision: 1n })).toEqual(written);
});
