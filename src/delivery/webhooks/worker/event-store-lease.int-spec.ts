import { SqliteEventStore } from '../../../platform/event-store/sqlite/sqlite-event-store.js';
import { EventStoreLease, LEASE_ACQUIRED, LEASE_RELEASED, LEASE_STREAM_MAX_COUNT, leaseStreamName } from './event-store-lease.js';

const SUBSCRIBER = '9d6e1f7a-0c4b-4e57-9a31-2b8c5d0e4f12';
const TTL = 300;

describe('a delivery lease kept in the log', () => {
  let store: SqliteEventStore;
  let never: AbortController;

  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
    never = new AbortController();
  });

  afterEach(async () => {
    never.abort();
    await store.close();
  });

  test('one holder at a time; a release hands it over at once', async () => {
    const a = new EventStoreLease(store, { ttlMs: TTL, holder: 'a' });
    const b = new EventStoreLease(store, { ttlMs: TTL, holder: 'b' });
    const held = (await a.acquire(SUBSCRIBER, never.signal))!;
    let bHolds = false;
    const waiting = b.acquire(SUBSCRIBER, never.signal).then((handle) => {
      bHolds = true;
      return handle;
    });
    // Longer than a TTL: a keeps renewing, b keeps waiting.
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL));
    expect(bHolds).toBe(false);
    expect(held.lost.aborted).toBe(false);

    const released = Date.now();
    await held.release();
    const handle = (await waiting)!;
    expect(Date.now() - released).toBeLessThan(TTL);
    await handle.release();
    const types = (await store.readStream(leaseStreamName(SUBSCRIBER))).map((event) => [
      event.type,
      (event.data as { holder: string }).holder,
    ]);
    expect(types.at(0)).toEqual([LEASE_ACQUIRED, 'a']);
    expect(types.slice(-3)).toEqual([
      [LEASE_RELEASED, 'a'],
      [LEASE_ACQUIRED, 'b'],
      [LEASE_RELEASED, 'b'],
    ]);
    // Renewals do not pile up: the stream keeps its last events only.
    expect((await store.getStreamMetadata(leaseStreamName(SUBSCRIBER))).metadata?.maxCount).toBe(LEASE_STREAM_MAX_COUNT);
  });

  test('a long-held lease keeps its stream short', async () => {
    const handle = (await new EventStoreLease(store, { ttlMs: 60_000, holder: 'a' }).acquire(SUBSCRIBER, never.signal))!;
    // As many renewals as a day brings (every TTL/3), in short.
    for (let n = 0; n < 3 * LEASE_STREAM_MAX_COUNT; n++) {
      await store.appendToStream(leaseStreamName(SUBSCRIBER), [
        { id: crypto.randomUUID(), type: LEASE_ACQUIRED, data: { holder: 'a', expiresAt: new Date(Date.now() + 60_000).toISOString() } },
      ]);
    }
    const kept = await store.readStream(leaseStreamName(SUBSCRIBER));
    expect(kept).toHaveLength(LEASE_STREAM_MAX_COUNT);
    expect(kept.at(-1)!.revision).toBe(BigInt(3 * LEASE_STREAM_MAX_COUNT));
    await handle.release();
  });

  test('a holder that died without releasing is replaced once its lease expires', async () => {
    const expiresAt = new Date(Date.now() + TTL).toISOString();
    await store.appendToStream(leaseStreamName(SUBSCRIBER), [
      { id: crypto.randomUUID(), type: LEASE_ACQUIRED, data: { holder: 'crashed', expiresAt } },
    ]);
    const started = Date.now();
    const handle = (await new EventStoreLease(store, { ttlMs: TTL, holder: 'b' }).acquire(SUBSCRIBER, never.signal))!;
    expect(Date.now() - started).toBeGreaterThanOrEqual(TTL - 20);
    await handle.release();
  });

  test('a holder whose lease was taken over learns it at its next renewal', async () => {
    const handle = (await new EventStoreLease(store, { ttlMs: TTL, holder: 'a' }).acquire(SUBSCRIBER, never.signal))!;
    await store.appendToStream(leaseStreamName(SUBSCRIBER), [
      {
        id: crypto.randomUUID(),
        type: LEASE_ACQUIRED,
        data: { holder: 'operator', expiresAt: new Date(Date.now() + 60_000).toISOString() },
      },
    ]);
    await new Promise<void>((resolve) => handle.lost.addEventListener('abort', () => resolve()));
    await handle.release();
  });

  test('waiting for a lease stops when the worker stops', async () => {
    const held = (await new EventStoreLease(store, { ttlMs: 60_000, holder: 'a' }).acquire(SUBSCRIBER, never.signal))!;
    const stop = new AbortController();
    const waiting = new EventStoreLease(store, { ttlMs: 60_000, holder: 'b' }).acquire(SUBSCRIBER, stop.signal);
    setTimeout(() => stop.abort(), 50);
    expect(await waiting).toBeUndefined();
    await held.release();
  });
});
