/**
 * The EventStore contract (shared/EVENT_STORE_CONTRACT.md, cases 1–29), written once and run against every
 * adapter. Each test uses its own uuid-suffixed streams and never assumes an empty store, so it also runs
 * against a shared server. A case an adapter cannot honour is declared in `unsupported` and shows up as a
 * skipped test with the reason in its title.
 */
import { randomUUID } from 'node:crypto';
import {
  EventStoreClosedError,
  EventStoreError,
  EventStoreUnavailableError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../../src/platform/event-store/errors.js';
import {
  BINARY_CONTENT_TYPE,
  comparePositions,
  EXCLUDE_SYSTEM_EVENTS,
  JSON_CONTENT_TYPE,
  type EventData,
  type EventFilter,
  type EventStore,
  type JsonValue,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '../../src/platform/event-store/event-store.port.js';
import { eventsOf, eventually, SubscriptionProbe, within } from './subscription-probe.js';

export interface ContractCapabilities {
  /**
   * Cuts the adapter's connection while a subscription runs (network adapters) and keeps the server
   * unreachable, so an adapter that reconnects must give up within its bounds; case 29 then expects the
   * iterator to throw. Without it, case 29 closes the store instead.
   */
  readonly dropConnection?: () => Promise<void>;
  /** The append size limit the fixture configured, if not EventStoreDB's 1,048,576 bytes. */
  readonly maxAppendSize?: number;
}

export interface ContractFixture {
  readonly store: EventStore;
  /** Releases the store; must also work after case 29 closed it or dropped its connection. */
  dispose(): Promise<void>;
  readonly capabilities?: ContractCapabilities;
}

export type ContractFactory = () => Promise<ContractFixture>;

// prettier-ignore
export type ContractCase =
  | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15
  | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 | 28 | 29;

export interface ContractOptions {
  /**
   * Cases the adapter cannot honour, each with the reason. Jest decides what to skip while collecting tests,
   * before any fixture exists, so this is declared next to the factory rather than returned by it.
   */
  readonly unsupported?: Partial<Record<ContractCase, string>>;
  /** Longest wait for one subscription message or an eventually consistent read. Default 5,000 ms. */
  readonly waitMs?: number;
}

interface CaseContext {
  readonly store: EventStore;
  readonly capabilities: ContractCapabilities;
  readonly waitMs: number;
  /** A subscription probe that is closed after the test even if the test fails. */
  readonly probe: (subscription: Subscription) => SubscriptionProbe;
}

const ESDB_MAX_APPEND_SIZE = 1_048_576;

export function describeEventStoreContract(name: string, factory: ContractFactory, options: ContractOptions = {}): void {
  const waitMs = options.waitMs ?? 5_000;

  describe(`EventStore contract: ${name}`, () => {
    let fixture: ContractFixture | undefined;
    let probes: SubscriptionProbe[] = [];

    beforeEach(async () => {
      fixture = await factory();
    });

    afterEach(async () => {
      await Promise.allSettled(probes.map((p) => p.close()));
      probes = [];
      await fixture?.dispose();
      fixture = undefined;
    });

    const contractCase = (n: ContractCase, title: string, run: (ctx: CaseContext) => Promise<void>): void => {
      const fullTitle = `${String(n).padStart(2, '0')} ${title}`;
      const reason = options.unsupported?.[n];
      if (reason !== undefined) {
        test.skip(`${fullTitle} [not supported by this adapter: ${reason}]`, () => undefined);
        return;
      }
      test(fullTitle, () => {
        const { store, capabilities = {} } = fixture!;
        return run({
          store,
          capabilities,
          waitMs,
          probe: (subscription) => {
            const probe = new SubscriptionProbe(subscription, waitMs);
            probes.push(probe);
            return probe;
          },
        });
      });
    };

    // ---------------------------------------------------------------- appends

    contractCase(1, 'no_stream on a new stream succeeds; next expected revision is 0', async ({ store }) => {
      const s = streamName('c01');
      const result = await store.appendToStream(s, [event()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n]);
    });

    contractCase(2, 'no_stream on an existing stream fails with stream, expected and actual', async ({ store }) => {
      const s = streamName('c02');
      await store.appendToStream(s, [event()], { expectedRevision: 'no_stream' });
      const error = await failure(store.appendToStream(s, [event()], { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: s, expected: 'no_stream', actual: 0n });
      expect(await store.readStream(s)).toHaveLength(1);
    });

    contractCase(3, 'stream_exists on a missing stream fails', async ({ store }) => {
      const s = streamName('c03');
      const error = await failure(store.appendToStream(s, [event()], { expectedRevision: 'stream_exists' }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: s, expected: 'stream_exists', actual: 'no_stream' });
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    contractCase(4, 'stream_exists on a soft-deleted stream fails', async ({ store }) => {
      const s = streamName('c04');
      await store.appendToStream(s, [event(), event()]);
      await store.deleteStream(s);
      const error = await failure(store.appendToStream(s, [event()], { expectedRevision: 'stream_exists' }));
      // EventStoreDB answers this one with StreamDeleted (IndexWriter.CheckCommit), not wrong expected version.
      expect(isOneOf(error, [WrongExpectedVersionError, StreamDeletedError])).toBe(true);
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    contractCase(5, 'exact revision: match succeeds, stale fails with expected and actual', async ({ store }) => {
      const s = streamName('c05');
      await store.appendToStream(s, [event()], { expectedRevision: 'no_stream' });
      expect((await store.appendToStream(s, [event()], { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
      const stale = await failure(store.appendToStream(s, [event()], { expectedRevision: 0n }));
      expect(stale).toBeInstanceOf(WrongExpectedVersionError);
      expect(stale).toMatchObject({ streamName: s, expected: 0n, actual: 1n });
      const ahead = await failure(store.appendToStream(s, [event()], { expectedRevision: 5n }));
      expect(ahead).toMatchObject({ streamName: s, expected: 5n, actual: 1n });
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n]);
    });

    contractCase(6, 'any always appends', async ({ store }) => {
      const s = streamName('c06');
      expect((await store.appendToStream(s, [event()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await store.appendToStream(s, [event()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(1n);
      expect((await store.appendToStream(s, [event(), event()])).nextExpectedRevision).toBe(3n);
      expect(await store.readStream(s)).toHaveLength(4);
    });

    contractCase(7, 'a batch is atomic: no partial writes; revisions are contiguous', async ({ store }) => {
      const s = streamName('c07');
      const first = [event(), event(), event()];
      expect((await store.appendToStream(s, first, { expectedRevision: 'no_stream' })).nextExpectedRevision).toBe(2n);
      await expect(store.appendToStream(s, [event(), event(), event()], { expectedRevision: 0n })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(ids(await store.readStream(s))).toEqual(ids(first));

      // Batches racing on one stream never interleave.
      const batches = Array.from({ length: 5 }, () => [event(), event(), event()]);
      await Promise.all(batches.map((batch) => store.appendToStream(s, batch, { expectedRevision: 'any' })));
      const read = await store.readStream(s);
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 18 }, (_, i) => BigInt(i)));
      for (const batch of batches) {
        const start = read.findIndex((e) => e.id === batch[0]!.id);
        expect(ids(read.slice(start, start + 3))).toEqual(ids(batch));
      }
    });

    contractCase(8, 'retrying the same event ids at the same expected revision is idempotent', async ({ store }) => {
      const s = streamName('c08');
      const ab = [event(), event()];
      const first = await store.appendToStream(s, ab, { expectedRevision: 'no_stream' });
      const retry = await store.appendToStream(s, ab, { expectedRevision: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(1n);
      expect(retry.nextExpectedRevision).toBe(1n);

      const c = [event()];
      expect((await store.appendToStream(s, c, { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
      expect((await store.appendToStream(s, c, { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
      expect(ids(await store.readStream(s))).toEqual(ids([...ab, ...c]));
    });

    contractCase(9, 'a retry that overlaps only partly fails', async ({ store }) => {
      const s = streamName('c09');
      const [a, b] = [event(), event()];
      await store.appendToStream(s, [a, b], { expectedRevision: 'no_stream' });
      for (const [batch, expectedRevision] of [
        [[a, b, event()], 'no_stream'],
        [[a, event()], 'no_stream'],
        [[b, event()], 0n],
      ] as const) {
        await expect(store.appendToStream(s, batch, { expectedRevision })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      }
      expect(ids(await store.readStream(s))).toEqual(ids([a, b]));
    });

    contractCase(10, 'racing appends at the same revision: exactly one wins', async ({ store }) => {
      const s = streamName('c10');
      await store.appendToStream(s, [event()], { expectedRevision: 'no_stream' });
      const contenders = Array.from({ length: 8 }, () => event());
      const outcomes = await Promise.allSettled(contenders.map((e) => store.appendToStream(s, [e], { expectedRevision: 0n })));
      const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ result: o.value, event: contenders[i]! }] : []));
      expect(winners).toHaveLength(1);
      expect(winners[0]!.result.nextExpectedRevision).toBe(1n);
      for (const o of outcomes) {
        if (o.status === 'rejected') {
          expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(o.reason).toMatchObject({ streamName: s, expected: 0n, actual: 1n });
        }
      }
      expect((await store.readStream(s)).map((e) => e.id)).toEqual([expect.any(String), winners[0]!.event.id]);
    });

    contractCase(11, 'an append over the size limit fails with a clear error and writes nothing', async ({ store, capabilities }) => {
      const s = streamName('c11');
      const limit = capabilities.maxAppendSize ?? ESDB_MAX_APPEND_SIZE;
      // Each event alone is under the limit; the batch is over it.
      const half = 'x'.repeat(Math.ceil(limit * 0.6));
      const error = await failure(store.appendToStream(s, [event('Big', { half }), event('Big', { half })]));
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error).toMatchObject({ streamName: s, maxAppendSize: limit });
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    // ---------------------------------------------------------------- reads

    contractCase(12, 'reads forwards and backwards, from a revision, with a maximum count', async ({ store }) => {
      const s = streamName('c12');
      await store.appendToStream(
        s,
        Array.from({ length: 5 }, () => event()),
      );
      const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await store.readStream(s, options)).map((e) => Number(e.revision));
      expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
      expect(await revisions({ fromRevision: 2n })).toEqual([2, 3, 4]);
      expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1, 2]);
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3n, maxCount: 2 })).toEqual([3, 2]);
      expect(await revisions({ direction: 'backwards', fromRevision: 'end', maxCount: 1 })).toEqual([4]);
      expect(await revisions({ fromRevision: 10n })).toEqual([]);
    });

    contractCase(13, 'reading a missing stream reports not found; a tombstoned one reports deleted', async ({ store }) => {
      const missing = streamName('c13');
      const error = await failure(store.readStream(missing));
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamName: missing });

      const tombstoned = streamName('c13');
      await store.appendToStream(tombstoned, [event()]);
      await store.tombstoneStream(tombstoned);
      const deleted = await failure(store.readStream(tombstoned));
      expect(deleted).toBeInstanceOf(StreamDeletedError);
      expect(deleted).toMatchObject({ streamName: tombstoned });
    });

    contractCase(14, 'events round-trip exactly: id, type, content type, data, metadata', async ({ store }) => {
      const s = streamName('c14');
      const json: EventData = {
        id: randomUUID(),
        type: 'ArticleDrafted',
        contentType: JSON_CONTENT_TYPE,
        data: {
          headline: 'Armenia dan Azerbaijan — “damai” di Tangerang Selatan ✓',
          body: [{ type: 'quote', text: 'Kami berharap… 平和 🕊️', attribution: 'Juru bicara' }],
          numbers: [0, -1, 1.5, 1e21, 9007199254740991],
          flags: { yes: true, no: false, none: null },
          empty: { list: [], object: {}, text: '' },
        },
        metadata: { $correlationId: randomUUID(), $causationId: randomUUID(), actor: { id: 'w-1', name: 'Siti Nurhaliza' }, note: 'ü€𝄞' },
      };
      const bytes = new Uint8Array(256).map((_, i) => i);
      const binary: EventData = {
        id: randomUUID(),
        type: 'AttachmentUploaded',
        contentType: BINARY_CONTENT_TYPE,
        data: bytes,
        metadata: { fileName: 'foto-liputan.jpg' },
      };
      const plain: EventData = { id: randomUUID(), type: 'Noted', data: ['a', 1] };
      await store.appendToStream(s, [json, binary, plain]);

      const [j, b, p] = await store.readStream(s);
      expect(j).toMatchObject({ streamId: s, revision: 0n, id: json.id, type: json.type, contentType: JSON_CONTENT_TYPE });
      expect(j!.data).toEqual(json.data);
      expect(j!.metadata).toEqual(json.metadata);
      expect(j!.created).toBeInstanceOf(Date);
      expect(b).toMatchObject({ id: binary.id, type: binary.type, contentType: BINARY_CONTENT_TYPE, metadata: binary.metadata });
      expect(b!.data).toBeInstanceOf(Uint8Array);
      expect(Array.from(b!.data as Uint8Array)).toEqual(Array.from(bytes));
      expect(p).toMatchObject({ id: plain.id, contentType: JSON_CONTENT_TYPE, data: ['a', 1] });
    });

    contractCase(15, 'reading all: positions strictly increase and match commit order across streams', async ({ store }) => {
      const [a, b, c] = [streamName('c15a'), streamName('c15b'), streamName('c15c')];
      const written: { stream: string; event: EventData; position: Position }[] = [];
      for (const stream of [a, b, a, c, b]) {
        const e = event();
        const result = await store.appendToStream(stream, [e]);
        written.push({ stream, event: e, position: result.position });
      }
      expectStrictlyIncreasing(written.map((w) => w.position));

      const from = (await store.readStream(a))[0]!.position;
      const filter: EventFilter = { on: 'streamName', prefixes: [a, b, c] };
      const forwards = await store.readAll({ fromPosition: from, filter, maxCount: written.length });
      expect(forwards.map((e) => [e.streamId, e.id])).toEqual(written.map((w) => [w.stream, w.event.id]));
      expectStrictlyIncreasing(forwards.map((e) => e.position));

      const backwards = await store.readAll({ direction: 'backwards', fromPosition: 'end', filter, maxCount: written.length });
      expect(ids(backwards)).toEqual(ids(forwards).reverse());
    });

    contractCase(16, 'reading all can exclude system events', async ({ store }) => {
      const s = streamName('c16');
      await store.appendToStream(s, [event()]);
      await store.setStreamMetadata(s, { purpose: 'contract' });
      await store.appendToStream(s, [event()]);
      const from = (await store.readStream(s))[0]!.position;
      const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId === s || e.streamId === `$$${s}`).map((e) => e.type);

      expect(ours(await store.readAll({ fromPosition: from, maxCount: 1_000 }))).toEqual(['ContractTested', '$metadata', 'ContractTested']);
      expect(ours(await store.readAll({ fromPosition: from, maxCount: 1_000, filter: EXCLUDE_SYSTEM_EVENTS }))).toEqual([
        'ContractTested',
        'ContractTested',
      ]);
    });

    // ---------------------------------------------------------------- metadata and deletion

    contractCase(17, 'stream metadata set/get round-trips, custom keys included', async ({ store }) => {
      const s = streamName('c17');
      expect((await store.getStreamMetadata(s)).metadata ?? {}).toEqual({});
      const metadata = {
        maxCount: 50,
        maxAge: 86_400,
        truncateBefore: 0n,
        cacheControl: 60,
        acl: { readRoles: ['editor', 'auditor'], writeRoles: ['writer', 'editor'] },
        desk: 'Internasional',
        nested: { note: 'Überprüft ✓', list: [1, 'dua', null] },
      };
      const first = await store.setStreamMetadata(s, metadata);
      expect(first.nextExpectedRevision).toBe(0n);
      const read = await store.getStreamMetadata(s);
      expect(read.streamName).toBe(s);
      expect(read.metadata).toEqual(metadata);

      const second = await store.setStreamMetadata(s, { desk: 'Nasional' }, { expectedRevision: 0n });
      expect(second.nextExpectedRevision).toBe(1n);
      expect((await store.getStreamMetadata(s)).metadata).toEqual({ desk: 'Nasional' });
      await expect(store.setStreamMetadata(s, { desk: 'x' }, { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    });

    contractCase(18, 'maxCount and truncate-before hide earlier events from stream reads', async ({ store }) => {
      const s = streamName('c18');
      await store.appendToStream(
        s,
        Array.from({ length: 5 }, () => event()),
      );
      const revisions = async (direction: 'forwards' | 'backwards' = 'forwards') =>
        (await store.readStream(s, { direction })).map((e) => Number(e.revision));

      await store.setStreamMetadata(s, { maxCount: 2 });
      expect(await revisions()).toEqual([3, 4]);
      expect(await revisions('backwards')).toEqual([4, 3]);
      await store.setStreamMetadata(s, { truncateBefore: 1n });
      expect(await revisions()).toEqual([1, 2, 3, 4]);
      await store.setStreamMetadata(s, { truncateBefore: 3n, maxCount: 4 });
      expect(await revisions()).toEqual([3, 4]);
      expect((await store.readStream(s, { fromRevision: 0n, maxCount: 1 })).map((e) => e.revision)).toEqual([3n]);
    });

    contractCase(19, 'soft delete: reads report not found; a later append continues at last + 1', async ({ store }) => {
      const s = streamName('c19');
      await store.appendToStream(s, [event(), event(), event()]);
      await store.deleteStream(s);
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);

      // What EventStoreDB writes: the metadata is replaced by $tb = 2^63-1, a 64-bit value read back exactly.
      expect((await store.getStreamMetadata(s)).metadata).toEqual({ truncateBefore: 9_223_372_036_854_775_807n });

      const next = event();
      expect((await store.appendToStream(s, [next], { expectedRevision: 'any' })).nextExpectedRevision).toBe(3n);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.revision, e.id])).toEqual([[3n, next.id]]);
      expect((await store.getStreamMetadata(s)).metadata).toEqual({ truncateBefore: 3n });
    });

    contractCase(20, 'tombstone: reads and appends report deleted, permanently', async ({ store }) => {
      const s = streamName('c20');
      await store.appendToStream(s, [event(), event()]);
      await store.tombstoneStream(s);
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamDeletedError);
      for (const expectedRevision of ['any', 'no_stream', 1n] as const) {
        await expect(store.appendToStream(s, [event()], { expectedRevision })).rejects.toBeInstanceOf(StreamDeletedError);
      }
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamDeletedError);
    });

    // ---------------------------------------------------------------- categories and correlation

    contractCase(21, 'reading a category returns the events of all <category>-* streams in global order', async ({ store, waitMs }) => {
      const category = `cat${uid()}`;
      const [a, b] = [`${category}-${uid()}`, `${category}-${uid()}`];
      // Same leading letters, different category; and a stream without a category at all.
      const decoys = [`${category}x-${uid()}`, category];
      const ours: EventData[] = [];
      for (const stream of [a, decoys[0]!, b, a, decoys[1]!, b]) {
        const e = event();
        await store.appendToStream(stream, [e]);
        if (stream === a || stream === b) ours.push(e);
      }
      await eventually(async () => {
        const read = await store.readCategory(category);
        expect(ids(read)).toEqual(ids(ours));
        expectStrictlyIncreasing(read.map((e) => e.position));
      }, waitMs);
      expect(ids(await store.readCategory(category, { direction: 'backwards' }))).toEqual(ids(ours).reverse());
      expect(ids(await store.readCategory(category, { maxCount: 2 }))).toEqual(ids(ours.slice(0, 2)));
    });

    contractCase(22, '$correlationId and $causationId round-trip; events of one correlation id can be found', async ({ store, waitMs }) => {
      const correlationId = randomUUID();
      const [s1, s2] = [streamName('c22'), streamName('c22')];
      const command = event('CommandReceived', {}, { $correlationId: correlationId, $causationId: correlationId });
      const caused = [
        event('ArticleDrafted', {}, { $correlationId: correlationId, $causationId: command.id }),
        event('ArticleSubmitted', {}, { $correlationId: correlationId, $causationId: command.id }),
      ];
      await store.appendToStream(s1, [command]);
      await store.appendToStream(s2, [event('Unrelated', {}, { $correlationId: randomUUID(), $causationId: randomUUID() })]);
      await store.appendToStream(s2, [caused[0]!]);
      await store.appendToStream(s1, [caused[1]!]);

      const found = await eventually(async () => {
        const read = await store.readByCorrelationId(correlationId);
        expect(ids(read)).toEqual(ids([command, ...caused]));
        return read;
      }, waitMs);
      expectStrictlyIncreasing(found.map((e) => e.position));
      expect(found.map((e) => e.metadata)).toEqual([command, ...caused].map((e) => e.metadata));
    });

    // ---------------------------------------------------------------- subscriptions

    contractCase(23, 'subscription from the start: history, then live events, in order, one caught-up signal', async ({ store, probe }) => {
      const s = streamName('c23');
      const history = [event(), event(), event()];
      for (const e of history) await store.appendToStream(s, [e]);

      const sub = probe(store.subscribeToAll({ fromPosition: 'start', filter: onlyStream(s) }));
      const beforeCaughtUp = await sub.untilCaughtUp();
      expect(ids(eventsOf(beforeCaughtUp))).toEqual(ids(history));

      const live = [event(), event()];
      for (const e of live) await store.appendToStream(s, [e]);
      const delivered = await sub.events(live.length);
      expect(ids(delivered)).toEqual(ids(live));
      expect(sub.received.filter((m) => m.kind === 'caughtUp')).toHaveLength(1);
      expectStrictlyIncreasing(eventsOf(sub.received).map((e) => e.position));
    });

    contractCase(24, 'subscription from a position: that position itself is excluded', async ({ store, probe }) => {
      const s = streamName('c24');
      for (let i = 0; i < 3; i++) await store.appendToStream(s, [event()]);
      const [first, second, third] = await store.readStream(s);

      const sub = probe(store.subscribeToAll({ fromPosition: first!.position }));
      expect(ids(await sub.events(2, (e) => e.streamId === s))).toEqual(ids([second!, third!]));

      const fromLast = probe(store.subscribeToAll({ fromPosition: third!.position, filter: onlyStream(s) }));
      expect(eventsOf(await fromLast.untilCaughtUp())).toEqual([]);
    });

    contractCase(25, 'filtered subscription: checkpoints keep advancing over filtered-out events', async ({ store, probe }) => {
      const [wanted, other] = [streamName('c25a'), streamName('c25b')];
      const sub = probe(store.subscribeToAll({ fromPosition: 'end', filter: onlyStream(wanted), checkpointInterval: 2 }));
      await sub.untilCaughtUp();
      const skippedFrom = sub.received.length;

      await store.appendToStream(
        other,
        Array.from({ length: 20 }, () => event()),
      );
      const others = await store.readStream(other);
      const mine = event();
      await store.appendToStream(wanted, [mine]);

      const messages = await sub.until((m) => m.kind === 'event' && m.event.id === mine.id);
      expect(eventsOf(messages).map((e) => e.streamId)).toEqual([wanted]);
      const checkpoints = sub.received.slice(skippedFrom).flatMap((m) => (m.kind === 'checkpoint' ? [m.position] : []));
      expect(checkpoints.length).toBeGreaterThan(0);
      expectNonDecreasing(checkpoints);
      // The checkpoint has moved at least half-way through the events the filter dropped.
      expect(comparePositions(checkpoints[checkpoints.length - 1]!, others[9]!.position)).toBeGreaterThanOrEqual(0);
    });

    contractCase(26, 'restart from a stored checkpoint: nothing lost, nothing repeated', async ({ store, probe }) => {
      const s = streamName('c26');
      for (let i = 0; i < 6; i++) await store.appendToStream(s, [event()]);

      // Stored checkpoint taken from a checkpoint message.
      const first = probe(store.subscribeToAll({ fromPosition: 'start', filter: onlyStream(s), checkpointInterval: 2 }));
      let sawEvent = false;
      const upToCheckpoint = await first.until((m) => {
        sawEvent ||= m.kind === 'event';
        return sawEvent && m.kind === 'checkpoint';
      });
      const stored = (upToCheckpoint[upToCheckpoint.length - 1] as { position: Position }).position;
      await first.close();
      for (let i = 0; i < 2; i++) await store.appendToStream(s, [event()]);

      const all = await store.readStream(s);
      const expected = all.filter((e) => comparePositions(e.position, stored) > 0);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      const resumed = probe(store.subscribeToAll({ fromPosition: stored, filter: onlyStream(s) }));
      expect(ids(eventsOf(await resumed.untilCaughtUp()))).toEqual(ids(expected));

      // Stored checkpoint taken from the last handled event.
      const third = all[2]!;
      const fromEvent = probe(store.subscribeToAll({ fromPosition: third.position, filter: onlyStream(s) }));
      expect(ids(eventsOf(await fromEvent.untilCaughtUp()))).toEqual(ids(all.slice(3)));
    });

    contractCase(
      27,
      'a failing handler stops without advancing the checkpoint; the event comes again',
      async ({ store, waitMs, probe }) => {
        const s = streamName('c27');
        const written = Array.from({ length: 5 }, () => event());
        for (const e of written) await store.appendToStream(s, [e]);
        const poison = written[2]!.id;

        let stored: Position | 'start' = 'start';
        const handled: string[] = [];
        const project = async (subscription: Subscription) => {
          for await (const message of subscription) {
            if (message.kind === 'caughtUp') return;
            if (message.kind !== 'event') continue;
            if (message.event.id === poison && handled.length === 2) throw new Error('handler failed');
            handled.push(message.event.id);
            stored = message.event.position;
          }
        };

        const first = store.subscribeToAll({ fromPosition: stored, filter: onlyStream(s) });
        await expect(within(project(first), waitMs, 'the projection to fail')).rejects.toThrow('handler failed');
        expect(handled).toEqual(ids(written.slice(0, 2)));

        const again = probe(store.subscribeToAll({ fromPosition: stored, filter: onlyStream(s) }));
        expect(ids(eventsOf(await again.untilCaughtUp()))).toEqual(ids(written.slice(2)));
        await first.close(); // already released by leaving the loop; closing again is harmless
      },
    );

    contractCase(
      28,
      'under concurrent writers a subscriber sees every committed event exactly once, in order',
      async ({ store, probe }) => {
        const prefix = `c28${uid()}`;
        const streams = Array.from({ length: 5 }, (_, i) => `${prefix}-${i}`);
        const sub = probe(store.subscribeToAll({ fromPosition: 'end', filter: { on: 'streamName', prefixes: [prefix] } }));
        await sub.untilCaughtUp();

        const writers = 8;
        const appendsPerWriter = 12;
        const batches = Array.from({ length: writers }, (_, w) =>
          Array.from({ length: appendsPerWriter }, (_, i) => ({
            stream: streams[(w + i) % streams.length]!,
            events: Array.from({ length: 1 + ((w + i) % 3) }, () => event()),
          })),
        );
        const total = batches.flat().reduce((n, b) => n + b.events.length, 0);

        const seen = sub.events(total);
        seen.catch(() => undefined); // awaited below; a timeout must not surface as an unhandled rejection first
        await Promise.all(
          batches.map(async (writer) => {
            for (const batch of writer) await store.appendToStream(batch.stream, batch.events);
          }),
        );
        const delivered = await seen;

        expect(new Set(ids(delivered)).size).toBe(total);
        expect(new Set(ids(delivered))).toEqual(new Set(batches.flat().flatMap((b) => ids(b.events))));
        expectStrictlyIncreasing(delivered.map((e) => e.position));
        for (const stream of streams) {
          const revisions = delivered.filter((e) => e.streamId === stream).map((e) => e.revision);
          expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
        }
        // Nothing beyond what was written arrives later either.
        const after = event();
        await store.appendToStream(streams[0]!, [after]);
        expect(ids(await sub.events(1))).toEqual([after.id]);
      },
    );

    contractCase(
      29,
      'closing a subscription releases it; a dropped connection surfaces, it never hangs',
      async ({ store, capabilities, waitMs, probe }) => {
        const s = streamName('c29');
        const filter = onlyStream(s);

        const closed = probe(store.subscribeToAll({ fromPosition: 'end', filter }));
        await closed.untilCaughtUp();
        const pending = closed.pull();
        await closed.close();
        expect((await pending).done).toBe(true);
        expect((await closed.pull()).done).toBe(true);

        const left = store.subscribeToAll({ fromPosition: 'end', filter });
        await within(
          (async () => {
            for await (const message of left) if (message.kind === 'caughtUp') break;
          })(),
          waitMs,
          'caught-up',
        );
        expect((await within(left[Symbol.asyncIterator]().next(), waitMs, 'a released subscription')).done).toBe(true);

        const dropped = probe(store.subscribeToAll({ fromPosition: 'end', filter }));
        await dropped.untilCaughtUp();
        const waiting = dropped.pull();
        // The rejection may come before we await it (an adapter that closes slowly); it is read below.
        waiting.catch(() => undefined);
        await (capabilities.dropConnection ?? (() => store.close()))();
        const error = await failure(
          (async () => {
            for (let result = await waiting; ; result = await dropped.pull()) {
              if (result.done) throw new Error('the subscription ended without reporting the dropped connection');
            }
          })(),
        );
        expect(error).toBeInstanceOf(EventStoreError);
        expect(isOneOf(error, [EventStoreUnavailableError, EventStoreClosedError])).toBe(true);
      },
    );
  });
}

// ------------------------------------------------------------------ helpers

function uid(): string {
  return randomUUID().replaceAll('-', '');
}

function streamName(prefix: string): string {
  return `${prefix}${uid()}-${uid()}`;
}

function event(type = 'ContractTested', data: JsonValue = { at: randomUUID() }, metadata?: JsonValue): EventData {
  return metadata === undefined ? { id: randomUUID(), type, data } : { id: randomUUID(), type, data, metadata };
}

function ids(events: readonly { readonly id: string }[]): string[] {
  return events.map((e) => e.id);
}

function onlyStream(stream: string): EventFilter {
  return { on: 'streamName', regex: `^${stream.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` };
}

/** The rejection reason, or a failed expectation if the promise resolved. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the operation to fail, but it succeeded');
}

function isOneOf(error: unknown, classes: readonly (abstract new (...args: never[]) => unknown)[]): boolean {
  return classes.some((c) => error instanceof c);
}

function expectStrictlyIncreasing(positions: readonly Position[]): void {
  positions.slice(1).forEach((p, i) => expect(comparePositions(positions[i]!, p)).toBeLessThan(0));
}

function expectNonDecreasing(positions: readonly Position[]): void {
  positions.slice(1).forEach((p, i) => expect(comparePositions(positions[i]!, p)).toBeLessThanOrEqual(0));
}
