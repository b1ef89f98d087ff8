/**
 * The test gRPC server answers @eventstore/db-client 6.2.1 the way its code expects, including
 * the calls the adapter does not make (stream subscriptions, link resolution, raw checkpoints).
 * Loopback only; every wait is bounded.
 */
import { randomUUID } from 'node:crypto';
import esdb from '@eventstore/db-client';
import type { EventStoreDBClient as Client, ResolvedEvent } from '@eventstore/db-client';
import { EsdbTestServer } from './esdb-test-server.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';

const { EventStoreDBClient, jsonEvent, binaryEvent, streamNameFilter, StreamNotFoundError, StreamDeletedError, WrongExpectedVersionError } =
  esdb;

const WAIT_MS = 5_000;

let backing: SqliteEventStore;
let server: EsdbTestServer;
let client: Client;

beforeEach(async () => {
  backing = SqliteEventStore.open({ path: ':memory:' });
  server = await EsdbTestServer.start(backing);
  client = EventStoreDBClient.connectionString(server.connectionString);
});

afterEach(async () => {
  await client.dispose();
  await server.stop();
  await backing.close();
});

function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function readAllOf(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const e of read) out.push(e);
  return out;
}

test('appends fall back from BatchAppend to Append and round-trip JSON, binary and metadata', async () => {
  const id = randomUUID();
  const result = await within(
    client.appendToStream(
      's-1',
      [
        jsonEvent({ id, type: 'Drafted', data: { headline: 'Kabar baik — ünïcode' }, metadata: { $correlationId: 'c' } }),
        binaryEvent({ type: 'Blob', data: new Uint8Array([0, 255, 7]) }),
      ],
      { expectedRevision: 'no_stream' },
    ),
    'append',
  );
  expect(result).toMatchObject({ success: true, nextExpectedRevision: 1n });
  expect(result.position).toBeDefined();
  const [first, second] = await within(readAllOf(client.readStream('s-1')), 'read');
  expect(first?.event).toMatchObject({
    id,
    type: 'Drafted',
    isJson: true,
    data: { headline: 'Kabar baik — ünïcode' },
    metadata: { $correlationId: 'c' },
    revision: 0n,
  });
  expect(second?.event).toMatchObject({ type: 'Blob', isJson: false, revision: 1n });
  expect(Array.from(second!.event!.data as Uint8Array)).toEqual([0, 255, 7]);
  expect(Math.abs(first!.event!.created.getTime() - Date.now())).toBeLessThan(60_000);
});

test('errors reach the client as its own error classes', async () => {
  await expect(within(readAllOf(client.readStream('missing')), 'read missing')).rejects.toBeInstanceOf(StreamNotFoundError);
  await client.appendToStream('s-2', jsonEvent({ type: 'A', data: {} }));
  await expect(client.appendToStream('s-2', jsonEvent({ type: 'A', data: {} }), { expectedRevision: 'no_stream' })).rejects.toMatchObject({
    constructor: WrongExpectedVersionError,
    streamName: 's-2',
    expectedVersion: 'no_stream',
    actualVersion: 0n,
  });
  await expect(within(client.deleteStream('s-2', { expectedRevision: 5n }), 'delete')).rejects.toMatchObject({
    constructor: WrongExpectedVersionError,
    expectedVersion: 5n,
    actualVersion: 0n,
  });
  await within(client.tombstoneStream('s-2'), 'tombstone');
  await expect(within(readAllOf(client.readStream('s-2')), 'read tombstoned')).rejects.toBeInstanceOf(StreamDeletedError);
  // A stream name that is not printable ASCII cannot travel verbatim in trailers; the call still settles.
  await within(client.tombstoneStream('berita-ü'), 'tombstone unicode');
  await expect(within(client.appendToStream('berita-ü', jsonEvent({ type: 'A', data: {} })), 'append unicode')).rejects.toBeInstanceOf(
    StreamDeletedError,
  );
});

test('a stream subscription starts after the given revision, catches up, then goes live', async () => {
  await client.appendToStream(
    's-3',
    [0, 1, 2].map((n) => jsonEvent({ type: 'N', data: { n } })),
  );
  await client.appendToStream('other', jsonEvent({ type: 'N', data: { n: 99 } }));
  const subscription = client.subscribeToStream('s-3', { fromRevision: 0n });
  const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
  const seen: number[] = [];
  const done = (async () => {
    for await (const e of subscription) {
      seen.push((e.event!.data as { n: number }).n);
      if (seen.length === 3) break;
    }
  })();
  await within(caughtUp, 'caughtUp');
  await client.appendToStream('s-3', jsonEvent({ type: 'N', data: { n: 3 } }));
  await within(done, 'live event');
  expect(seen).toEqual([1, 2, 3]);
});

test('a filtered $all subscription reports checkpoints through checkpointReached and says caughtUp', async () => {
  for (let i = 0; i < 10; i++) await backing.appendToStream('noise', [{ id: randomUUID(), type: 'Noise', data: { i } }]);
  await backing.appendToStream('keep-1', [{ id: randomUUID(), type: 'Kept', data: {} }]);
  const checkpoints: bigint[] = [];
  const subscription = client.subscribeToAll({
    filter: streamNameFilter({
      prefixes: ['keep-'],
      maxSearchWindow: 2,
      checkpointInterval: 2,
      checkpointReached: (_s, p) => void checkpoints.push(p.commit),
    }),
  });
  const confirmed = new Promise<void>((resolve) => subscription.once('confirmation', () => resolve()));
  const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
  const kept: string[] = [];
  subscription.on('data', (e: ResolvedEvent) => kept.push(e.event!.streamId));
  await within(confirmed, 'confirmation');
  await within(caughtUp, 'caughtUp');
  await subscription.unsubscribe();
  expect(kept).toEqual(['keep-1']);
  // 11 events read, a checkpoint at least every 2 × 2 of them (the store may add one where it caught up).
  expect(checkpoints.length).toBeGreaterThanOrEqual(2);
  expect(checkpoints.every((c, i) => i === 0 || c > checkpoints[i - 1]!)).toBe(true);
  expect(subscription.id).toEqual(expect.any(String));
});

test('resolveLinkTos resolves `$>` links to the event they point at', async () => {
  await client.appendToStream('target', jsonEvent({ type: 'Original', data: { v: 1 } }));
  await backing.appendToStream('links', [
    { id: randomUUID(), type: '$>', contentType: 'application/octet-stream', data: new TextEncoder().encode('0@target') },
  ]);
  const [resolved] = await within(readAllOf(client.readStream('links', { resolveLinkTos: true })), 'read links');
  expect(resolved?.event).toMatchObject({ streamId: 'target', type: 'Original', data: { v: 1 } });
  expect(resolved?.link).toMatchObject({ streamId: 'links', type: '$>' });
});
