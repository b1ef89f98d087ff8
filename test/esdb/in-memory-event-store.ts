/**
 * TEST-ONLY. A small in-memory EventStore (the port) used to back the EventStoreDB test gRPC
 * server in the wire-level tests of test/esdb, where what matters is the gRPC conversation
 * and not durable storage. The contract suite runs the server over the embedded SQLite store.
 */
import {
  JSON_CONTENT_TYPE,
  comparePositions,
  type AppendResult,
  type DeleteResult,
  type EventData,
  type EventFilter,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadata,
  type StreamMetadataResult,
  type SubscribeToAllOptions,
  type Subscription,
  type SubscriptionMessage,
} from '../../src/event-store/event-store.port.js';
import {
  EventStoreClosedError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../../src/event-store/errors.js';

const MAX_APPEND_SIZE = 1024 * 1024;

interface StreamState {
  events: RecordedEvent[];
  last: bigint; // -1n: never written
  visibleFrom: bigint; // soft delete hides everything before this revision
  tombstoned: boolean;
}

export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly listeners = new Set<() => void>();
  private closed = false;

  appendToStream(stream: string, events: readonly EventData[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    return settle(() => this.append(stream, events, options.expectedRevision ?? 'any'));
  }

  private append(stream: string, events: readonly EventData[], expected: ExpectedRevision): AppendResult {
    this.ensureOpen();
    const state = this.state(stream);
    if (state.tombstoned) throw new StreamDeletedError(stream);
    const exists = state.last >= state.visibleFrom;
    const actual = exists ? state.last : 'no_stream';
    const retry = this.idempotentRetry(state, events, expected);
    if (retry) return retry;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && !exists) ||
      (expected === 'stream_exists' && exists) ||
      (typeof expected === 'bigint' && exists && expected === state.last);
    if (!ok) throw new WrongExpectedVersionError(stream, expected, actual);
    const size = events.reduce((n, e) => n + byteSize(e.data) + (e.metadata === undefined ? 0 : byteSize(e.metadata)), 0);
    if (size > MAX_APPEND_SIZE) throw new MaxAppendSizeExceededError(stream, MAX_APPEND_SIZE, size);
    const created = new Date();
    for (const e of events) {
      const n = BigInt(this.log.length + 1) * 100n;
      const recorded: RecordedEvent = {
        streamId: stream,
        revision: ++state.last,
        id: e.id,
        type: e.type,
        contentType: e.contentType ?? JSON_CONTENT_TYPE,
        data: e.data instanceof Uint8Array ? new Uint8Array(e.data) : e.data,
        metadata: e.metadata,
        position: { commit: n, prepare: n },
        created,
      };
      state.events.push(recorded);
      this.log.push(recorded);
    }
    for (const wake of this.listeners) wake();
    return { nextExpectedRevision: state.last, position: this.log[this.log.length - 1]?.position ?? { commit: 0n, prepare: 0n } };
  }

  private idempotentRetry(state: StreamState, events: readonly EventData[], expected: ExpectedRevision): AppendResult | undefined {
    const first = events[0];
    if (!first || expected === 'stream_exists') return undefined;
    const start =
      typeof expected === 'bigint' ? expected + 1n : expected === 'no_stream' ? state.visibleFrom : state.events.find((e) => e.id === first.id)?.revision;
    if (start === undefined) return undefined;
    const existing = state.events.filter((e) => e.revision >= start).slice(0, events.length);
    if (existing[0]?.id !== first.id) return undefined;
    if (existing.length !== events.length || existing.some((e, i) => e.id !== events[i]!.id)) {
      throw new WrongExpectedVersionError(state.events[0]!.streamId, expected, state.last);
    }
    const last = existing[existing.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const state = this.streams.get(stream);
    if (state?.tombstoned) return Promise.reject(new StreamDeletedError(stream));
    if (!state || state.last < state.visibleFrom) return Promise.reject(new StreamNotFoundError(stream));
    const floor = this.floor(stream, state);
    const visible = state.events.filter((e) => e.revision >= floor);
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromRevision ?? (forwards ? 'start' : 'end');
    let out = forwards
      ? visible.filter((e) => from === 'start' || (from !== 'end' && e.revision >= from))
      : visible.filter((e) => from === 'end' || (from !== 'start' && e.revision <= from)).reverse();
    if (!forwards && from === 'start') out = visible.slice(0, 1);
    if (forwards && from === 'end') out = [];
    return Promise.resolve(out.slice(0, options.maxCount ?? Infinity));
  }

  private floor(stream: string, state: StreamState): bigint {
    let floor = state.visibleFrom;
    const meta = this.metadataOf(stream);
    if (meta?.truncateBefore !== undefined && meta.truncateBefore > floor) floor = meta.truncateBefore;
    if (meta?.maxCount !== undefined) {
      const byCount = state.last - BigInt(meta.maxCount) + 1n;
      if (byCount > floor) floor = byCount;
    }
    return floor;
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromPosition ?? (forwards ? 'start' : 'end');
    const { filter } = options;
    let out = this.log.filter((e) => !filter || matches(filter, e));
    if (forwards) out = out.filter((e) => from === 'start' || (from !== 'end' && comparePositions(e.position, from) >= 0));
    else out = out.filter((e) => from === 'end' || (from !== 'start' && comparePositions(e.position, from) <= 0)).reverse();
    if (forwards && from === 'end') out = [];
    return Promise.resolve(out.slice(0, options.maxCount ?? Infinity));
  }

  readCategory(category: string, options: Omit<ReadAllOptions, 'filter'> = {}): Promise<RecordedEvent[]> {
    return this.readAll({ ...options, filter: { on: 'streamName', prefixes: [`${category}-`] } });
  }

  readByCorrelationId(correlationId: string): Promise<RecordedEvent[]> {
    this.ensureOpen();
    return Promise.resolve(
      this.log.filter((e) => typeof e.metadata === 'object' && e.metadata !== null && !Array.isArray(e.metadata) && e.metadata.$correlationId === correlationId),
    );
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.ensureOpen();
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the generator below needs the store, not its own `this`
    const store = this;
    const interval = Math.max(1, options.checkpointInterval ?? 32);
    let closed = false;
    let wake: (() => void) | undefined;
    const listener = (): void => wake?.();
    this.listeners.add(listener);
    const close = (): Promise<void> => {
      closed = true;
      store.listeners.delete(listener);
      wake?.();
      return Promise.resolve();
    };
    async function* messages(): AsyncGenerator<SubscriptionMessage> {
      const start = options.fromPosition ?? 'start';
      let index = start === 'start' ? 0 : start === 'end' ? store.log.length : store.log.findIndex((e) => comparePositions(e.position, start) > 0);
      if (index < 0) index = store.log.length;
      let sinceCheckpoint = 0;
      let caughtUp = false;
      try {
        while (!closed) {
          const event = store.log[index];
          if (event) {
            index++;
            if (!options.filter || matches(options.filter, event)) yield { kind: 'event', event };
            if (++sinceCheckpoint >= interval) {
              sinceCheckpoint = 0;
              yield { kind: 'checkpoint', position: event.position };
            }
            continue;
          }
          if (!caughtUp) {
            caughtUp = true;
            yield { kind: 'caughtUp' };
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        await close();
      }
    }
    const iterator = messages();
    return { [Symbol.asyncIterator]: () => iterator, close };
  }

  setStreamMetadata(stream: string, metadata: StreamMetadata, options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const data = JSON.parse(JSON.stringify(metadata, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as EventData['data'];
    return this.appendToStream(`$$${stream}`, [{ id: crypto.randomUUID(), type: '$metadata', data }], options);
  }

  async getStreamMetadata(stream: string): Promise<StreamMetadataResult> {
    const metadata = this.metadataOf(stream);
    return Promise.resolve(metadata ? { streamName: stream, metadata } : { streamName: stream });
  }

  private metadataOf(stream: string): StreamMetadata | undefined {
    const last = this.streams.get(`$$${stream}`)?.events.at(-1);
    if (!last || last.contentType !== JSON_CONTENT_TYPE || typeof last.data !== 'object' || last.data === null) return undefined;
    const raw = last.data as Record<string, unknown>;
    return typeof raw.truncateBefore === 'number' ? { ...raw, truncateBefore: BigInt(raw.truncateBefore) } : raw;
  }

  deleteStream(stream: string, options: { expectedRevision?: ExpectedRevision } = {}): Promise<DeleteResult> {
    return settle(() => this.remove(stream, options.expectedRevision ?? 'any', false));
  }

  tombstoneStream(stream: string, options: { expectedRevision?: ExpectedRevision } = {}): Promise<DeleteResult> {
    return settle(() => this.remove(stream, options.expectedRevision ?? 'any', true));
  }

  private remove(stream: string, expected: ExpectedRevision, tombstone: boolean): DeleteResult {
    this.ensureOpen();
    const state = this.state(stream);
    if (state.tombstoned) throw new StreamDeletedError(stream);
    const exists = state.last >= state.visibleFrom;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && !exists) ||
      (expected === 'stream_exists' && exists) ||
      (typeof expected === 'bigint' && exists && expected === state.last);
    if (!ok) throw new WrongExpectedVersionError(stream, expected, exists ? state.last : 'no_stream');
    state.visibleFrom = state.last + 1n;
    state.tombstoned = tombstone;
    return {};
  }

  close(): Promise<void> {
    this.closed = true;
    for (const wake of this.listeners) wake();
    return Promise.resolve();
  }

  private state(stream: string): StreamState {
    let state = this.streams.get(stream);
    if (!state) this.streams.set(stream, (state = { events: [], last: -1n, visibleFrom: 0n, tombstoned: false }));
    return state;
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

/** Runs synchronous store logic so that its throws become rejections, as callers of a Promise API expect. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

function matches(filter: EventFilter, event: RecordedEvent): boolean {
  const subject = filter.on === 'streamName' ? event.streamId : event.type;
  return 'prefixes' in filter ? filter.prefixes.some((p) => subject.startsWith(p)) : new RegExp(filter.regex).test(subject);
}

function byteSize(value: unknown): number {
  return value instanceof Uint8Array ? value.byteLength : Buffer.byteLength(JSON.stringify(value));
}
