import {
  comparePositions,
  type AppendResult,
  type DeleteResult,
  type Direction,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadata,
  type StreamMetadataResult,
  type SubscribeToAllOptions,
  type Subscription,
} from '../event-store.port.js';
import { EventStoreClosedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  type EsdbAppendResult,
  type EsdbClient,
  type ResolvedEvent,
} from './esdb-client.js';
import {
  fromEsdbEvent,
  fromEsdbStreamMetadata,
  fromResolved,
  isTransportFailure,
  mapError,
  matchesFilter,
  toEsdbEvent,
  toEsdbStreamMetadata,
  type ErrorContext,
} from './mapping.js';
import { DEFAULT_RESUBSCRIBE, EsdbSubscription, type ResubscribeOptions } from './subscription.js';

export interface EventStoreDbOptions {
  /** Backoff and bound for resubscribing after a dropped connection. */
  readonly resubscribe?: Partial<ResubscribeOptions>;
  /** Events per page when $all is scanned client-side (filtered reads, categories, correlation ids). */
  readonly readPageSize?: number;
}

const ALL = Number.MAX_SAFE_INTEGER;
// deleteStream has no stream_exists in client 6.2.1; it is emulated with an exact revision,
// retried this many times when a concurrent append moves the stream on.
const DELETE_STREAM_EXISTS_TRIES = 5;
const RETRY_DELAYS_MS = [50, 250];

type Predicate = (event: RecordedEvent) => boolean;

/**
 * The EventStore port on EventStoreDB through @eventstore/db-client 6.2.1.
 *
 * Needs no server projections: categories and correlation ids are answered by scanning $all
 * when the system projections' streams ($ce-, $bc-) are not there (see readCategory and
 * readByCorrelationId).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly resubscribe: ResubscribeOptions;
  private readonly pageSize: number;
  private closed = false;

  /** e.g. `esdb://localhost:2113?tls=false`, or a cluster's `esdb+discover://…` string. */
  static fromConnectionString(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  constructor(
    private readonly client: EsdbClient,
    options: EventStoreDbOptions = {},
  ) {
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe };
    this.pageSize = Math.max(2, options.readPageSize ?? 1_000);
  }

  async appendToStream(
    stream: string,
    events: readonly EventData[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    const proposed = events.map(toEsdbEvent);
    // Retrying is safe: EventStoreDB recognises the same event ids at the same expected revision.
    const result = await this.run(() => this.client.appendToStream(stream, proposed, { expectedRevision: expected }), {
      stream,
      expected,
      events,
    });
    // An empty append only checks the expected revision; client 6.2.1 then reports revision 0
    // even for a stream that does not exist, so the answer comes from the stream itself.
    if (events.length === 0) return this.head(stream);
    return this.withPosition(stream, result);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const direction = options.direction ?? 'forwards';
    const fromRevision = options.fromRevision ?? (direction === 'forwards' ? START : END);
    if (options.maxCount === 0) return [];
    const read = (): AsyncIterable<ResolvedEvent> =>
      this.client.readStream(stream, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision,
        maxCount: options.maxCount ?? ALL,
      });
    return mapped(await this.run(() => collect(read()), { stream }));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? START : END);
    const maxCount = options.maxCount ?? ALL;
    if (maxCount === 0) return [];
    const { filter } = options;
    // readAll of client 6.2.1 sends no filter (only subscriptions do), so reads filter here.
    if (!filter) return mapped(await this.run(() => collect(this.client.readAll({ direction, fromPosition: from, maxCount }))));
    return this.scanAll({ from, direction, maxCount, predicate: (e) => matchesFilter(filter, e) });
  }

  /**
   * `$ce-<category>` would need EventStoreDB's $by_category system projection (and resolving
   * links); a stream-name prefix `<category>-` over $all gives the same events in global order
   * on any server, at the cost of a scan.
   */
  async readCategory(category: string, options: Omit<ReadAllOptions, 'filter'> = {}): Promise<RecordedEvent[]> {
    return this.readAll({ ...options, filter: { on: 'streamName', prefixes: [`${category}-`] } });
  }

  /**
   * Uses `$bc-<id>` (the $by_correlation_id system projection) when the server has it, then
   * scans $all after its last indexed event because projections lag behind writes. Without the
   * projection, or when its links don't carry the original events' positions, it scans all of
   * $all for `metadata.$correlationId`.
   */
  async readByCorrelationId(correlationId: string): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const predicate: Predicate = (e) => correlationOf(e) === correlationId;
    const indexed = await this.readCorrelationIndex(correlationId);
    if (!indexed || indexed.length === 0) return this.scanAll({ from: START, direction: 'forwards', maxCount: ALL, predicate });
    const last = indexed[indexed.length - 1]!.position;
    const tail = await this.scanAll({ from: last, after: last, direction: 'forwards', maxCount: ALL, predicate });
    return [...indexed, ...tail];
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const subscription = new EsdbSubscription({
      client: this.client,
      options,
      resubscribe: this.resubscribe,
      endOfAll: () => this.endOfAll(),
      onClose: (s) => this.subscriptions.delete(s),
      // Like the other adapters: a closed store answers through the iterator, not with a throw here.
      ...(this.closed ? { failure: new EventStoreClosedError() } : {}),
    });
    if (!this.closed) this.subscriptions.add(subscription);
    return subscription;
  }

  async setStreamMetadata(
    stream: string,
    metadata: StreamMetadata,
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    const prepared = toEsdbStreamMetadata(metadata);
    const result = await this.run(() => this.client.setStreamMetadata(stream, prepared, { expectedRevision: expected }), {
      stream: `$$${stream}`,
      expected,
    });
    return this.withPosition(`$$${stream}`, result);
  }

  async getStreamMetadata(stream: string): Promise<StreamMetadataResult> {
    this.ensureOpen();
    const result = await this.run(() => this.client.getStreamMetadata(stream), { stream });
    return result.metadata ? { streamName: stream, metadata: fromEsdbStreamMetadata(result.metadata) } : { streamName: stream };
  }

  async deleteStream(stream: string, options: { readonly expectedRevision?: ExpectedRevision } = {}): Promise<DeleteResult> {
    this.ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    if (expected !== 'stream_exists') return this.deleteOnce(stream, expected, expected);
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastRevision(stream);
      if (last === undefined) throw new WrongExpectedVersionError(stream, 'stream_exists', 'no_stream');
      try {
        return await this.deleteOnce(stream, last, 'stream_exists');
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= DELETE_STREAM_EXISTS_TRIES) throw error;
      }
    }
  }

  async tombstoneStream(stream: string, options: { readonly expectedRevision?: ExpectedRevision } = {}): Promise<DeleteResult> {
    this.ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    try {
      // The runtime maps stream_exists for tombstones although the client's type omits it.
      const expectedRevision = expected as 'any' | 'no_stream' | bigint;
      return toDeleteResult(await this.client.tombstoneStream(stream, { expectedRevision }));
    } catch (error) {
      // Not retried: a tombstone that did land would make the retry report StreamDeleted.
      throw mapError(error, { stream, expected });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const subscriptions = [...this.subscriptions];
    for (const s of subscriptions) s.detach();
    await this.client.dispose();
    // Subscribers did not ask for this: they learn that the store went away rather than seeing a
    // clean end. Told last, synchronously, so that close() has settled by the time they hear it.
    for (const s of subscriptions) s.abort(new EventStoreClosedError());
  }

  private async deleteOnce(stream: string, revision: 'any' | 'no_stream' | bigint, expected: ExpectedRevision): Promise<DeleteResult> {
    try {
      return toDeleteResult(await this.client.deleteStream(stream, { expectedRevision: revision }));
    } catch (error) {
      throw mapError(error, { stream, expected });
    }
  }

  private async lastRevision(stream: string): Promise<bigint | undefined> {
    return (await this.lastEvent(stream))?.revision;
  }

  private async lastEvent(stream: string): Promise<RecordedEvent | undefined> {
    try {
      const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
      return last;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  private async head(stream: string): Promise<AppendResult> {
    const last = await this.lastEvent(stream);
    if (last) return { nextExpectedRevision: last.revision, position: last.position };
    const end = await this.endOfAll();
    return { nextExpectedRevision: -1n, position: end === 'start' ? { commit: 0n, prepare: 0n } : end };
  }

  /** Older servers and idempotent retries may answer an append without a position. */
  private async withPosition(stream: string, result: EsdbAppendResult): Promise<AppendResult> {
    if (result.position) return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    const [event] = await this.readStream(stream, { fromRevision: result.nextExpectedRevision, maxCount: 1 });
    if (!event) throw new Error(`EventStoreDB reported revision ${result.nextExpectedRevision} of '${stream}' but it cannot be read`);
    return { nextExpectedRevision: result.nextExpectedRevision, position: event.position };
  }

  private async endOfAll(): Promise<Position | 'start'> {
    const [last] = await this.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last?.position ?? 'start';
  }

  private async readCorrelationIndex(correlationId: string): Promise<RecordedEvent[] | undefined> {
    let links: ResolvedEvent[];
    try {
      links = await this.run(() => collect(this.client.readStream(`$bc-${correlationId}`, { resolveLinkTos: true, maxCount: ALL })), {
        stream: `$bc-${correlationId}`,
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    const events = new Map<string, RecordedEvent>();
    for (const { event, link } of links) {
      if (!event) continue; // the linked event's stream was deleted
      // A resolved event needs its own $all position for the global order and the tail scan.
      if (!event.position || (link?.position && comparePositions(event.position, link.position) === 0)) return undefined;
      const recorded = fromEsdbEvent(event);
      events.set(`${recorded.position.commit}/${recorded.position.prepare}`, recorded);
    }
    return [...events.values()].sort((a, b) => comparePositions(a.position, b.position));
  }

  /** Pages through $all, keeping what the predicate accepts, until maxCount matches or the end. */
  private async scanAll(args: {
    from: 'start' | 'end' | Position;
    after?: Position;
    direction: Direction;
    maxCount: number;
    predicate: Predicate;
  }): Promise<RecordedEvent[]> {
    const { direction, maxCount, predicate } = args;
    const forwards = direction === 'forwards';
    const out: RecordedEvent[] = [];
    let from = args.from;
    let last = args.after;
    for (;;) {
      const fromHere = from;
      const page = mapped(
        await this.run(() => collect(this.client.readAll({ direction, fromPosition: fromHere, maxCount: this.pageSize }))),
      );
      for (const event of page) {
        // Pages start at the previous page's last event (reads are inclusive); skip by position.
        if (last && (forwards ? comparePositions(event.position, last) <= 0 : comparePositions(event.position, last) >= 0)) continue;
        last = event.position;
        if (predicate(event)) {
          out.push(event);
          if (out.length >= maxCount) return out;
        }
      }
      if (page.length < this.pageSize || !last || last === from) return out;
      from = last;
    }
  }

  /**
   * Runs one client operation and maps its errors onto the port. After a dropped connection
   * client 6.2.1 fails the next call on the dead channel ("Channel closed before call
   * started") and only then reconnects, so calls that are safe to repeat get a short retry.
   */
  private async run<T>(operation: () => Promise<T>, context: ErrorContext = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || this.closed || !isTransportFailure(error)) throw mapError(error, context);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

async function collect(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const resolved of read) out.push(resolved);
  return out;
}

function mapped(resolved: readonly ResolvedEvent[]): RecordedEvent[] {
  const out: RecordedEvent[] = [];
  for (const r of resolved) {
    const event = fromResolved(r);
    if (event) out.push(event);
  }
  return out;
}

function correlationOf(event: RecordedEvent): unknown {
  const m = event.metadata;
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? m.$correlationId : undefined;
}

function toDeleteResult(result: { position?: Position }): DeleteResult {
  return result.position ? { position: result.position } : {};
}
