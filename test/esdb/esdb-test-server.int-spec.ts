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

const {
  EventStoreDBClient,
  jsonEvent,
  binaryEvent,
  streamNameFilter,
  StreamNotFoundError,
  StreamDeletedError,
  WrongExpectedVersionError,
  BACKWARDS,
  END,
} = esdb;

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

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function readAllOf(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const e of read) out.push(e);
  return out;
}

test('appends go through BatchAppend, as on every supported server, and round-trip JSON, binary and metadata', async () => {
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
  expect(server.stats.calls).toMatchObject({ serverFeatures: 1, batchAppend: 1 });
  expect(server.stats.calls.append).toBeUndefined();
});

test('without ServerFeatures (a server before 21.10) the client falls back to Append', async () => {
  const old = await EsdbTestServer.start(backing, { version: null });
  const oldClient = EventStoreDBClient.connectionString(old.connectionString);
  try {
    await within(oldClient.appendToStream('s-old', jsonEvent({ type: 'A', data: {} })), 'append');
    expect(old.stats.calls).toMatchObject({ append: 1 });
    expect(old.stats.calls.batchAppend).toBeUndefined();
  } finally {
    await oldClient.dispose();
    await old.stop();
  }
});

test('positions are offsets with gaps; with legacy commit positions an append shares one commit, above its prepares', async () => {
  const legacy = await EsdbTestServer.start(backing, { legacyCommitPositions: true });
  const legacyClient = EventStoreDBClient.connectionString(legacy.connectionString);
  try {
    await within(
      legacyClient.appendToStream(
        's-pos',
        [0, 1, 2].map((n) => jsonEvent({ type: 'N', data: { n } })),
      ),
      'append',
    );
    await within(legacyClient.appendToStream('s-pos', jsonEvent({ type: 'N', data: { n: 3 } })), 'append');
    const positions = (await within(readAllOf(legacyClient.readAll({ maxCount: 10 })), 'read all')).map((e) => e.event!.position!);
    expect(positions).toHaveLength(4);
    const [a, b, c, d] = positions;
    expect(a!.prepare).toBeGreaterThan(1n); // not a dense sequence number
    expect(b!.prepare - a!.prepare).toBeGreaterThan(1n);
    expect(new Set([a!.commit, b!.commit, c!.commit]).size).toBe(1);
    expect(a!.commit).toBeGreaterThan(c!.prepare);
    expect(d!.commit).toBe(d!.prepare);
  } finally {
    await legacyClient.dispose();
    await legacy.stop();
  }
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

test('a filtered $all subscription checkpoints once per window × multiplier events considered, and when it goes live', async () => {
  for (let i = 0; i < 10; i++) await backing.appendToStream('noise', [{ id: randomUUID(), type: 'Noise', data: { i } }]);
  await backing.appendToStream('keep-1', [{ id: randomUUID(), type: 'Kept', data: {} }]);
  const checkpoints: bigint[] = [];
  const subscription = client.subscribeToAll({
    filter: streamNameFilter({
      prefixes: ['keep-'],
      maxSearchWindow: 2,
      checkpointInterval: 2,
      checkpointReached: (_s, p) => void checkpoints.push(p.prepare),
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
  // 11 events considered: checkpoints after the 4th and the 8th, and one where it caught up.
  expect(checkpoints).toHaveLength(3);
  expect(checkpoints.every((c, i) => i === 0 || c > checkpoints[i - 1]!)).toBe(true);
  expect(server.stats.sent).toMatchObject({ events: 1, checkpoints: 3, caughtUp: 1, confirmations: 1 });
  expect(subscription.id).toEqual(expect.any(String));
});

test('a subscription that falls behind catches up again and says caughtUp a second time (fell_behind when announced)', async () => {
  await client.appendToStream('fb-1', jsonEvent({ type: 'A', data: { n: 0 } }));
  const subscription = client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['fb-'] }) });
  let caughtUp = 0;
  let fellBehind = 0;
  const seen: number[] = [];
  subscription.on('caughtUp', () => caughtUp++);
  subscription.on('fellBehind', () => fellBehind++);
  subscription.on('data', (e: ResolvedEvent) => seen.push((e.event!.data as { n: number }).n));
  await within(
    until(() => caughtUp === 1),
    'first caughtUp',
  );
  expect(server.fallBehind({ announce: true })).toBe(1);
  await within(
    until(() => caughtUp === 2),
    'second caughtUp',
  );
  await client.appendToStream('fb-1', jsonEvent({ type: 'A', data: { n: 1 } }));
  await within(
    until(() => seen.length === 2),
    'live event',
  );
  await subscription.unsubscribe();
  expect({ seen, fellBehind }).toEqual({ seen: [0, 1], fellBehind: 1 });
});

test('a soft delete leaves only {"$tb": 2^63-1} as the stream metadata, as a real server writes it', async () => {
  await client.setStreamMetadata('sd', { maxCount: 5, desk: 'Nasional' });
  await client.appendToStream('sd', jsonEvent({ type: 'A', data: {} }));
  await within(client.deleteStream('sd'), 'delete');
  const [last] = await within(readAllOf(client.readStream('$$sd', { direction: BACKWARDS, fromRevision: END, maxCount: 1 })), 'read $$sd');
  // The client parses it with JSON.parse: 2^63-1 arrives rounded, which is why the adapter reads the bytes itself.
  expect(last?.event?.data).toEqual({ $tb: 2 ** 63 });
});

test('faults come as a real node sends them: NotLeader with the leader, Not Ready, RST_STREAM, a hung call', async () => {
  // The client reconnects to the leader it is told about: here, the same server.
  const leader = { host: '127.0.0.1', port: server.port };
  server.faults.inject({ method: 'read', fault: { kind: 'notLeader', leader }, times: 1 });
  const notLeader = await within(readAllOf(client.readStream('x', { requiresLeader: true })), 'read').catch((e: unknown) => e);
  expect(notLeader).toMatchObject({ type: 'not-leader', leader: { address: '127.0.0.1', port: server.port } });

  server.faults.inject({ method: 'read', fault: { kind: 'notReady' }, times: 1 });
  const notReady = await within(readAllOf(client.readStream('x')), 'read').catch((e: unknown) => e);
  expect(notReady).toMatchObject({ type: 'unavailable', message: expect.stringContaining('Server Is Not Ready') });

  server.faults.inject({ method: 'read', fault: { kind: 'rstStream' }, times: 1 });
  const reset = await within(readAllOf(client.readStream('x')), 'read').catch((e: unknown) => e);
  expect(reset).toMatchObject({ type: 'unknown', code: 13, message: expect.stringContaining('RST_STREAM') });

  server.faults.inject({ method: 'read', fault: { kind: 'hang' }, times: 1 });
  const hung = await within(readAllOf(client.readStream('x', { deadline: 300 })), 'hung read').catch((e: unknown) => e);
  // Client 6.2.1 opens reads with no deadline at all: the 300 ms above are ignored, the call is still open.
  expect(hung).toBeInstanceOf(Error);
  expect((hung as Error).message).toContain('nothing within');
  server.faults.clear();
});

test("a batch over the server's per-event limit (25.0+) is an error client 6.2.1 does not recognise", async () => {
  const strict = await EsdbTestServer.start(backing, { version: '25.0.0', limits: { maxAppendEventSize: 100 } });
  const strictClient = EventStoreDBClient.connectionString(strict.connectionString);
  try {
    const error = await within(
      strictClient.appendToStream('big', jsonEvent({ type: 'A', data: { text: 'x'.repeat(200) } })),
      'append',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'unknown', message: expect.stringContaining('MaximumAppendEventSizeExceeded') });
  } finally {
    await strictClient.dispose();
    await strict.stop();
  }
});

test('with system projections the links go into the log; 25.1 serves index reads through a filtered $all read', async () => {
  const node = await EsdbTestServer.start(backing, { systemProjections: true });
  const nodeClient = EventStoreDBClient.connectionString(node.connectionString);
  try {
    await nodeClient.appendToStream('article-1', jsonEvent({ type: 'Drafted', data: {}, metadata: { $correlationId: 'k' } }));
    await nodeClient.appendToStream('desk-1', jsonEvent({ type: 'Noted', data: {} }));
    const all = await within(readAllOf(nodeClient.readAll()), 'read all');
    expect(all.map((e) => e.event!.streamId)).toEqual([
      'article-1',
      '$ce-article',
      '$et-Drafted',
      '$bc-k',
      'desk-1',
      '$ce-desk',
      '$et-Noted',
    ]);
    const [ce] = await within(readAllOf(nodeClient.readStream('$ce-article', { resolveLinkTos: true })), 'read $ce-article');
    expect(ce?.event).toMatchObject({ streamId: 'article-1', type: 'Drafted' });
  } finally {
    await nodeClient.dispose();
    await node.stop();
  }
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
