import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreClosedError, MaxAppendSizeExceededError, StreamDeletedError, WrongExpectedVersionError } from '../errors.js';
import type { EventData, Subscription, SubscriptionMessage } from '../event-store.port.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';

const event = (data: EventData['data'] = {}): EventData => ({ id: randomUUID(), type: 'Tested', data });

let dir: string;
const stores: SqliteEventStore[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redaksi-sqlite-'));
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

function open(options: Partial<SqliteEventStoreOptions> = {}): SqliteEventStore {
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite'), ...options });
  stores.push(store);
  return store;
}

async function next(subscription: Subscription): Promise<IteratorResult<SubscriptionMessage>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no subscription message within 2 s')), 2_000);
  });
  try {
    return await Promise.race([subscription[Symbol.asyncIterator]().next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function take(subscription: Subscription, until: (m: SubscriptionMessage) => boolean): Promise<SubscriptionMessage[]> {
  const messages: SubscriptionMessage[] = [];
  for (;;) {
    const result = await next(subscription);
    if (result.done) throw new Error('subscription ended');
    messages.push(result.value);
    if (until(result.value)) return messages;
  }
}

describe('group commit', () => {
  test('concurrent appends share transactions; each is still checked on its own', async () => {
    const store = open();
    const stale = `stale-${randomUUID()}`;
    await store.appendToStream(stale, [event()]);
    const before = store.stats.transactions;

    const good = Array.from({ length: 100 }, (_, i) =>
      store.appendToStream(`s-${i}`, [event(), event()], { expectedRevision: 'no_stream' }),
    );
    const bad = Array.from({ length: 10 }, () => store.appendToStream(stale, [event()], { expectedRevision: 5n }));
    const results = await Promise.allSettled([...good, ...bad]);

    expect(results.slice(0, 100).every((r) => r.status === 'fulfilled')).toBe(true);
    for (const r of results.slice(100)) {
      expect(r.status === 'rejected' && r.reason instanceof WrongExpectedVersionError).toBe(true);
    }
    expect(store.stats.transactions - before).toBeLessThan(10);
    expect(store.stats.largestBatch).toBeGreaterThan(1);
    expect(await store.readAll()).toHaveLength(201);
  });

  test('batches are bounded by maxBatchSize', async () => {
    const store = open({ maxBatchSize: 10 });
    await Promise.all(Array.from({ length: 35 }, (_, i) => store.appendToStream(`s-${i}`, [event()])));
    expect(store.stats.largestBatch).toBeLessThanOrEqual(10);
    expect(store.stats.transactions).toBeGreaterThanOrEqual(4);
  });

  test('a write in a batch sees the writes before it: racing appends in one transaction', async () => {
    const store = open();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => store.appendToStream('race', [event()], { expectedRevision: 'no_stream' })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(store.stats.transactions).toBe(1);
  });
});

describe('appends', () => {
  test('the result carries the position of the last event; a retry returns the same result and writes nothing', async () => {
    const store = open();
    const events = [event(), event()];
    const first = await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
    const read = await store.readStream('s');
    expect(first.position).toEqual(read[1]!.position);
    await store.appendToStream('other', [event()]);

    expect(await store.appendToStream('s', events, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(await store.appendToStream('s', events, { expectedRevision: 'any' })).toEqual(first);
    expect(await store.readAll()).toHaveLength(3);
  });

  test('the default size limit is 1,048,576 bytes, measured as EventStoreDB does: data, metadata, two bytes per type character', async () => {
    const store = open();
    const type = 'Tested';
    const payload = (bytes: number) => ({ id: randomUUID(), type, data: 'x'.repeat(bytes - type.length * 2 - 2) }); // 2 = JSON quotes
    await expect(store.appendToStream('big', [payload(1_048_577)])).rejects.toBeInstanceOf(MaxAppendSizeExceededError);
    await expect(store.appendToStream('big', [payload(1_048_576)])).resolves.toMatchObject({ nextExpectedRevision: 0n });
  });

  test('event ids are stored in lower case, as EventStoreDB returns them', async () => {
    const store = open();
    const id = randomUUID().toUpperCase();
    await store.appendToStream('s', [{ id, type: 'Tested', data: {} }]);
    expect((await store.readStream('s'))[0]!.id).toBe(id.toLowerCase());
  });
});

describe('metadata and deletion', () => {
  test('metadata is stored in $$<stream> with EventStoreDB keys', async () => {
    const store = open();
    await store.setStreamMetadata('s', { maxCount: 3, truncateBefore: 2n, acl: { readRoles: ['editor'] }, custom: 'ä' });
    const [raw] = await store.readStream('$$s');
    expect(raw).toMatchObject({ type: '$metadata', data: { $maxCount: 3, $tb: 2, $acl: { $r: ['editor'] }, custom: 'ä' } });
  });

  test('maxAge hides events older than the clock allows', async () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const store = open({ clock: () => now });
    await store.appendToStream('s', [event()]);
    now = new Date('2025-01-01T00:00:30Z');
    await store.appendToStream('s', [event()]);
    await store.setStreamMetadata('s', { maxAge: 20 });
    now = new Date('2025-01-01T00:00:40Z');
    expect((await store.readStream('s')).map((e) => e.revision)).toEqual([1n]);
    expect((await store.readStream('s'))[0]!.created).toEqual(new Date('2025-01-01T00:00:30Z'));
  });

  test('soft delete writes $tb = 2^63-1 in place of the metadata, as EventStoreDB; an append brings the stream back', async () => {
    const store = open();
    await store.setStreamMetadata('s', { desk: 'Nasional' });
    await store.appendToStream('s', [event(), event()]);
    await store.deleteStream('s');
    expect((await store.getStreamMetadata('s')).metadata).toEqual({ truncateBefore: 9_223_372_036_854_775_807n });
    const [stored] = await store.readStream('$$s', { direction: 'backwards', maxCount: 1 });
    expect(stored?.type).toBe('$metadata');
    await expect(store.appendToStream('s', [event()], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(StreamDeletedError);

    const result = await store.appendToStream('s', [event()], { expectedRevision: 'no_stream' });
    expect(result.nextExpectedRevision).toBe(2n);
    expect((await store.readStream('s')).map((e) => e.revision)).toEqual([2n]);
    expect((await store.getStreamMetadata('s')).metadata).toEqual({ truncateBefore: 2n });
  });

  test('metadata read after a soft delete can be written back: $tb is exact to 64 bits', async () => {
    const store = open();
    await store.appendToStream('s', [event()]);
    await store.deleteStream('s');
    const { metadata } = await store.getStreamMetadata('s');
    // What the webhook lease does with its stream: keep what is there, add maxCount.
    await store.setStreamMetadata('s', { ...metadata, maxCount: 20 });
    expect((await store.getStreamMetadata('s')).metadata).toEqual({ truncateBefore: 1n, maxCount: 20 });
    expect(await store.readStream('s')).toEqual([]);
  });

  test('writing metadata brings a soft-deleted stream back without its deleted events', async () => {
    const store = open();
    await store.appendToStream('s', [event(), event()]);
    await store.deleteStream('s');
    await store.setStreamMetadata('s', { desk: 'Nasional' });
    expect(await store.readStream('s')).toEqual([]);
    expect((await store.getStreamMetadata('s')).metadata).toEqual({ desk: 'Nasional', truncateBefore: 2n });
  });

  test('a tombstone is a $streamDeleted record in $all; the metadata stream is closed too', async () => {
    const store = open();
    await store.appendToStream('s', [event()]);
    const { position } = await store.tombstoneStream('s');
    const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    expect(last).toMatchObject({ streamId: 's', type: '$streamDeleted', revision: 9_223_372_036_854_775_807n, position });
    await expect(store.getStreamMetadata('s')).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.setStreamMetadata('s', { a: 1 })).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.tombstoneStream('s')).rejects.toBeInstanceOf(StreamDeletedError);
  });
});

describe('subscriptions', () => {
  test('checkpoints count filtered-out events; one checkpoint and one caughtUp at the head', async () => {
    const store = open();
    for (let i = 0; i < 10; i++) await store.appendToStream(i % 2 === 0 ? `keep-${i}` : `skip-${i}`, [event()]);
    const all = await store.readAll();
    const sub = store.subscribeToAll({ filter: { on: 'streamName', prefixes: ['keep-'] }, checkpointInterval: 3 });
    const messages = await take(sub, (m) => m.kind === 'caughtUp');
    const summary = messages.map((m) =>
      m.kind === 'event'
        ? m.event.streamId
        : m.kind === 'checkpoint'
          ? `cp@${all.findIndex((e) => e.position.commit === m.position.commit)}`
          : m.kind,
    );
    expect(summary).toEqual(['keep-0', 'keep-2', 'cp@2', 'keep-4', 'cp@5', 'keep-6', 'keep-8', 'cp@8', 'cp@9', 'caughtUp']);
    await sub.close();
  });

  test('live events arrive through the commit notifier, not the poll', async () => {
    const store = open({ pollIntervalMs: 60_000 });
    const sub = store.subscribeToAll({ fromPosition: 'end' });
    await take(sub, (m) => m.kind === 'caughtUp');
    const pending = take(sub, (m) => m.kind === 'event');
    await store.appendToStream('s', [event()]);
    expect((await pending).at(-1)).toMatchObject({ kind: 'event', event: { streamId: 's' } });
    await sub.close();
  });

  test("another process's writes to the same file reach a subscriber through the poll", async () => {
    const store = open({ pollIntervalMs: 20 });
    const other = open();
    await store.appendToStream('mine', [event()]);
    const sub = store.subscribeToAll();
    await take(sub, (m) => m.kind === 'caughtUp');
    await other.appendToStream('theirs', [event()]);
    await store.appendToStream('mine', [event()]);
    await other.appendToStream('theirs', [event()]);
    const events = (await take(sub, (m) => m.kind === 'event' && m.event.streamId === 'theirs' && m.event.revision === 1n)).flatMap((m) =>
      m.kind === 'event' ? [m.event] : [],
    );
    expect(events.map((e) => `${e.streamId}@${e.revision}`)).toEqual(['theirs@0', 'mine@1', 'theirs@1']);
    expect(events.map((e) => e.position.commit)).toEqual([...events.map((e) => e.position.commit)].sort((a, b) => Number(a - b)));
    await sub.close();
  });

  test('leaving the loop releases the subscription', async () => {
    const store = open();
    await store.appendToStream('s', [event()]);
    const sub = store.subscribeToAll();
    expect(store.stats.subscriptions).toBe(1);
    for await (const message of sub) if (message.kind === 'event') break;
    expect(store.stats.subscriptions).toBe(0);
  });
});

describe('close', () => {
  test('finishes appends already accepted, then refuses work; the data survives a reopen', async () => {
    const store = open();
    const accepted = store.appendToStream('s', [event(), event()]);
    await store.close();
    await expect(accepted).resolves.toMatchObject({ nextExpectedRevision: 1n });
    await expect(store.appendToStream('s', [event()])).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readStream('s')).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(next(store.subscribeToAll())).rejects.toBeInstanceOf(EventStoreClosedError);

    const reopened = open();
    expect(await reopened.readStream('s')).toHaveLength(2);
    const { position } = await reopened.appendToStream('t', [event()]);
    expect(position.commit).toBe(3n);
  });

  test('a subscription waiting for events ends with EventStoreClosedError', async () => {
    const store = open();
    const sub = store.subscribeToAll();
    await take(sub, (m) => m.kind === 'caughtUp');
    const waiting = next(sub);
    await store.close();
    await expect(waiting).rejects.toBeInstanceOf(EventStoreClosedError);
    expect((await next(sub)).done).toBe(true);
  });
});
