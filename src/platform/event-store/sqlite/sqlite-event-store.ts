import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreClosedError, MaxAppendSizeExceededError, StreamDeletedError, StreamNotFoundError } from '../errors.js';
import {
  type AppendResult,
  type DeleteResult,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadata,
  type StreamMetadataResult,
  type Subscription,
  type SubscribeToAllOptions,
} from '../event-store.port.js';
import { decideAppend } from './append-check.js';
import {
  decodeRow,
  type EncodedEvent,
  encodeEvent,
  encodeMetadataEvent,
  type EventRow,
  isMetaStream,
  metaStreamOf,
  toPosition,
} from './codec.js';
import { compileFilter, type RowPredicate } from './event-filter.js';
import { GroupCommitWriter, type GroupCommitStats } from './group-commit.js';
import { NO_LIMIT, Queries } from './queries.js';
import { configureReader, configureWriter, StreamState, TOMBSTONE_REVISION } from './schema.js';
import { SqliteSubscription, type SubscriptionSource } from './sqlite-subscription.js';
import { DEFAULT_MAX_APPEND_SIZE } from '../append-size.js';
import {
  DELETED_STREAM_REVISION,
  fromRawMetadata,
  isRawObject,
  type RawMetadata,
  stringifyMetadataJson,
  toRawMetadata,
} from '../stream-metadata.js';
import { readLimitsOf } from './stream-metadata.js';

export interface SqliteEventStoreOptions {
  /** A database file (its directory is created), or ':memory:'. */
  readonly path: string;
  /** FULL (default) syncs the WAL on every commit; NORMAL may lose the last commits on power loss, never corrupts. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Bytes per append, measured as EventStoreDB measures it (append-size.ts). Default 1,048,576. */
  readonly maxAppendSize?: number;
  readonly clock?: () => Date;
  /** Most write operations committed in one transaction. Default 512. */
  readonly maxBatchSize?: number;
  /** How often a waiting subscription looks for commits by other processes. Default 300 ms. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process holding the write lock. Default 5,000 ms. */
  readonly busyTimeoutMs?: number;
}

export interface SqliteEventStoreStats extends GroupCommitStats {
  readonly subscriptions: number;
}

export { DEFAULT_MAX_APPEND_SIZE };
const DEFAULT_CHECKPOINT_INTERVAL = 32;
const PAGE_SIZE = 256;
const FILTERED_PAGE_SIZE = 512;
const MAX_POSITION = TOMBSTONE_REVISION; // the largest SQLite integer

/** The embedded EventStore: one SQLite file in WAL mode, one writer connection with group commit, one reader. */
export class SqliteEventStore implements EventStore {
  private readonly writeQueries: Queries;
  private readonly readQueries: Queries;
  private readonly writer: GroupCommitWriter;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly subscriptionSource: SubscriptionSource;
  private generation = 0;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly writeDb: Database.Database,
    private readonly readDb: Database.Database,
    private readonly maxAppendSize: number,
    private readonly clock: () => Date,
    private readonly pollIntervalMs: number,
    maxBatchSize: number,
  ) {
    this.writeQueries = new Queries(writeDb);
    this.readQueries = readDb === writeDb ? this.writeQueries : new Queries(readDb);
    this.writer = new GroupCommitWriter(writeDb, maxBatchSize, () => this.committed());
    this.subscriptionSource = {
      commitGeneration: () => this.generation,
      rowsAfter: (position, limit) => this.readQueries.allForwards(position + 1n, limit),
      decode: decodeRow,
      release: (subscription) => this.subscriptions.delete(subscription),
    };
  }

  /** Synchronous, like better-sqlite3 itself: the store is ready when this returns. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const inMemory = options.path === ':memory:';
    const synchronous = options.synchronous ?? 'FULL';
    // It ends up in a PRAGMA statement, so only the two documented values get through.
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
      throw new RangeError(`synchronous must be FULL or NORMAL, got ${String(synchronous)}`);
    }
    const connection = { synchronous, busyTimeoutMs: positiveInteger('busyTimeoutMs', options.busyTimeoutMs ?? 5_000) };
    const maxAppendSize = positiveInteger('maxAppendSize', options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE);
    const pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 300);
    const maxBatchSize = positiveInteger('maxBatchSize', options.maxBatchSize ?? 512);

    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
    const writeDb = new Database(options.path);
    let readDb = writeDb;
    try {
      configureWriter(writeDb, connection, inMemory);
      // An in-memory database exists only inside its connection, so there it reads through the writer's.
      if (!inMemory) {
        readDb = new Database(options.path);
        configureReader(readDb, connection);
      }
    } catch (error) {
      if (readDb !== writeDb) readDb.close();
      writeDb.close();
      throw error;
    }
    return new SqliteEventStore(writeDb, readDb, maxAppendSize, options.clock ?? (() => new Date()), pollIntervalMs, maxBatchSize);
  }

  /** Counters for tests and diagnostics, e.g. how many appends each transaction carried. */
  get stats(): SqliteEventStoreStats {
    return { ...this.writer.stats, subscriptions: this.subscriptions.size };
  }

  appendToStream(
    stream: string,
    events: readonly EventData[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.write(() => {
      assertStreamName(stream);
      const encoded = events.map(encodeEvent);
      const size = encoded.reduce((sum, e) => sum + e.size, 0);
      if (size > this.maxAppendSize) throw new MaxAppendSizeExceededError(stream, this.maxAppendSize, size);
      const expected = options?.expectedRevision ?? 'any';
      return () => this.appendInTransaction(stream, encoded, expected);
    });
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.read(() => {
      assertStreamName(stream);
      const q = this.readQueries;
      const head = q.head(stream);
      if (head.tombstoned) throw new StreamDeletedError(stream);
      if (head.softDeleted || head.lastRevision < 0n) throw new StreamNotFoundError(stream);
      const last = head.lastRevision;
      const limits = isMetaStream(stream) ? {} : readLimitsOf(q.rawMetadata(stream));
      let floor = limits.truncateBefore ?? 0n;
      if (limits.maxCount !== undefined) floor = max(floor, last + 1n - BigInt(limits.maxCount));
      const createdAtLeast =
        limits.maxAgeSeconds === undefined ? Number.MIN_SAFE_INTEGER : this.clock().getTime() - limits.maxAgeSeconds * 1000;
      const limit = countOf(options.maxCount);
      const rows =
        options.direction === 'backwards'
          ? q.streamBackwards(stream, backwardsFrom(options.fromRevision, last), floor, createdAtLeast, limit)
          : q.streamForwards(stream, forwardsFrom(options.fromRevision, floor, last), last, createdAtLeast, limit);
      return rows.map(decodeRow);
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.read(() => this.scanAll(options, compileFilter(options.filter)));
  }

  readCategory(category: string, options: Omit<ReadAllOptions, 'filter'> = {}): Promise<RecordedEvent[]> {
    return this.read(() => {
      const q = this.readQueries;
      const limit = countOf(options.maxCount);
      const from = startPosition(options);
      const rows =
        options.direction === 'backwards' ? q.categoryBackwards(category, from, limit) : q.categoryForwards(category, from, limit);
      return rows.map(decodeRow);
    });
  }

  readByCorrelationId(correlationId: string): Promise<RecordedEvent[]> {
    return this.read(() => this.readQueries.byCorrelationId(correlationId).map(decodeRow));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const checkpointInterval = options.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL;
    if (!Number.isSafeInteger(checkpointInterval) || checkpointInterval < 1) {
      throw new RangeError(`checkpointInterval must be a positive integer, got ${checkpointInterval}`);
    }
    const filter = compileFilter(options.filter);
    const settings = {
      filter,
      checkpointInterval,
      pageSize: filter ? FILTERED_PAGE_SIZE : PAGE_SIZE,
      pollIntervalMs: this.pollIntervalMs,
    };
    if (this.closing) return SqliteSubscription.failed(this.subscriptionSource, { ...settings, after: 0n });
    const from = options.fromPosition ?? 'start';
    const after = from === 'start' ? 0n : from === 'end' ? this.readQueries.headPosition() : from.commit;
    const subscription = new SqliteSubscription(this.subscriptionSource, { ...settings, after });
    this.subscriptions.add(subscription);
    return subscription;
  }

  setStreamMetadata(
    stream: string,
    metadata: StreamMetadata,
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.write(() => {
      assertStreamName(stream);
      const raw = toRawMetadata(metadata);
      return () => {
        const head = this.writeQueries.head(stream);
        if (head.tombstoned) throw new StreamDeletedError(stream);
        // On a soft-deleted stream the write brings it back: appendInTransaction follows it with a second
        // metadata event, as EventStoreDB does, so that the deleted events stay hidden.
        return this.appendInTransaction(metaStreamOf(stream), [metadataEvent(raw)], options?.expectedRevision ?? 'any');
      };
    });
  }

  getStreamMetadata(stream: string): Promise<StreamMetadataResult> {
    return this.read(() => {
      assertStreamName(stream);
      if (this.readQueries.head(stream).tombstoned) throw new StreamDeletedError(stream);
      const raw = this.readQueries.rawMetadata(stream);
      return raw === undefined ? { streamName: stream } : { streamName: stream, metadata: fromRawMetadata(raw) };
    });
  }

  /**
   * As EventStoreDB: the metadata becomes `{"$tb": 2^63-1}` (other keys are gone), reads report not found,
   * a later append continues the numbering and sets `$tb` to its first revision.
   */
  deleteStream(stream: string, options?: { readonly expectedRevision?: ExpectedRevision }): Promise<DeleteResult> {
    return this.write(() => {
      assertStreamName(stream);
      return () => {
        const q = this.writeQueries;
        const head = q.head(stream);
        decideAppend(stream, options?.expectedRevision ?? 'any', [], head, this.lookups(stream));
        const { position } = this.appendInTransaction(metaStreamOf(stream), [metadataEvent({ $tb: DELETED_STREAM_REVISION })], 'any');
        q.setHead(stream, head.lastRevision, StreamState.softDeleted);
        return { position };
      };
    });
  }

  /** As EventStoreDB: a `$streamDeleted` record at revision 2^63-1, after which the stream refuses reads and writes. */
  tombstoneStream(stream: string, options?: { readonly expectedRevision?: ExpectedRevision }): Promise<DeleteResult> {
    return this.write(() => {
      assertStreamName(stream);
      if (isMetaStream(stream)) throw new TypeError(`Cannot tombstone the metadata stream '${stream}'`);
      const tombstone = encodeEvent({ id: randomUUID(), type: '$streamDeleted', data: {} });
      return () => {
        const q = this.writeQueries;
        const head = q.head(stream);
        decideAppend(stream, options?.expectedRevision ?? 'any', [], head, this.lookups(stream));
        const position = q.insert(stream, TOMBSTONE_REVISION, tombstone, this.clock().getTime());
        q.setHead(stream, head.lastRevision, StreamState.tombstoned);
        return { position: toPosition(position) };
      };
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private shutdown(): Promise<void> {
    try {
      // Writes accepted before close() are committed, not dropped.
      this.writer.drain();
    } finally {
      for (const subscription of [...this.subscriptions]) subscription.fail(new EventStoreClosedError());
      this.subscriptions.clear();
      if (this.readDb !== this.writeDb) this.readDb.close();
      this.writeDb.close();
    }
    return Promise.resolve();
  }

  private appendInTransaction(stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): AppendResult {
    const q = this.writeQueries;
    const head = q.head(stream);
    const decision = decideAppend(
      stream,
      expected,
      events.map((e) => e.id),
      head,
      this.lookups(stream),
    );
    if (decision.kind === 'idempotent') {
      const position = q.positionAt(stream, decision.lastRevision) ?? q.headPosition();
      return { nextExpectedRevision: decision.lastRevision, position: toPosition(position) };
    }
    if (events.length === 0) {
      const position = (head.lastRevision >= 0n ? q.positionAt(stream, head.lastRevision) : undefined) ?? q.headPosition();
      return { nextExpectedRevision: head.lastRevision, position: toPosition(position) };
    }
    const created = this.clock().getTime();
    let revision = head.lastRevision;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      position = q.insert(stream, revision, event, created);
    }
    q.setHead(stream, revision, StreamState.live);
    if (isMetaStream(stream)) {
      const original = stream.slice(2);
      const originalHead = q.head(original);
      if (originalHead.softDeleted) this.undelete(original, originalHead.lastRevision + 1n, created);
    } else if (head.softDeleted) {
      this.undelete(stream, head.lastRevision + 1n, created);
    }
    return { nextExpectedRevision: revision, position: toPosition(position) };
  }

  /**
   * A write to a soft-deleted `x` or to its `$$x` brings `x` back, as EventStoreDB does (SoftUndeleteStream):
   * one more metadata event, the current metadata with `$tb` at the first revision after the deleted events.
   */
  private undelete(stream: string, recreateFrom: bigint, created: number): void {
    const q = this.writeQueries;
    const raw = storedMetadata(q, stream);
    raw.$tb = Number(recreateFrom);
    const meta = metaStreamOf(stream);
    const revision = q.head(meta).lastRevision + 1n;
    q.insert(meta, revision, metadataEvent(raw), created);
    q.setHead(meta, revision, StreamState.live);
    q.setHead(stream, q.head(stream).lastRevision, StreamState.live);
  }

  private lookups(stream: string) {
    const q = this.writeQueries;
    return {
      metadataStreamExists: () => q.hasEvents(metaStreamOf(stream)),
      eventIdAt: (revision: bigint) => q.eventIdAt(stream, revision),
      revisionOfEventId: (eventId: string) => q.revisionOfEventId(stream, eventId),
    };
  }

  /** Pages through $all so that a selective filter never holds more than the matches and one page. */
  private scanAll(options: ReadAllOptions, filter: RowPredicate | undefined): RecordedEvent[] {
    const q = this.readQueries;
    const wanted = options.maxCount === undefined ? Infinity : countOf(options.maxCount);
    const backwards = options.direction === 'backwards';
    let cursor = startPosition(options);
    const events: RecordedEvent[] = [];
    while (events.length < wanted && cursor >= 0n && cursor <= MAX_POSITION) {
      const pageSize = filter ? FILTERED_PAGE_SIZE : Math.min(FILTERED_PAGE_SIZE, wanted - events.length);
      const rows: EventRow[] = backwards ? q.allBackwards(cursor, pageSize) : q.allForwards(cursor, pageSize);
      for (const row of rows) {
        if (events.length >= wanted) break;
        if (!filter || filter(row)) events.push(decodeRow(row));
      }
      if (rows.length < pageSize) break;
      const last = rows[rows.length - 1]!.position;
      cursor = backwards ? last - 1n : last + 1n;
    }
    return events;
  }

  private committed(): void {
    this.generation += 1;
    for (const subscription of this.subscriptions) subscription.notify();
  }

  /** Validation happens at the call, the returned work inside the group-commit transaction. */
  private write<T>(prepare: () => () => T): Promise<T> {
    if (this.closing) return Promise.reject(new EventStoreClosedError());
    try {
      return this.writer.submit(prepare());
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  private read<T>(work: () => T): Promise<T> {
    if (this.closing) return Promise.reject(new EventStoreClosedError());
    try {
      // One read transaction: the head, the metadata and the events come from the same snapshot even while
      // another process writes.
      return Promise.resolve(this.readDb.transaction(work)());
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }
}

/** Inclusive start of a stream read going forwards; events below `floor` are hidden by metadata. */
function forwardsFrom(from: ReadStreamOptions['fromRevision'], floor: bigint, last: bigint): bigint {
  if (from === undefined || from === 'start') return floor;
  return from === 'end' ? last + 1n : max(from, floor);
}

function backwardsFrom(from: ReadStreamOptions['fromRevision'], last: bigint): bigint {
  if (from === undefined || from === 'end') return last;
  return from === 'start' ? 0n : min(from, last);
}

/** Inclusive start of a $all or category read, as a sequence number (-1 or MAX when nothing can match). */
function startPosition({ direction, fromPosition }: Omit<ReadAllOptions, 'filter'>): bigint {
  const backwards = direction === 'backwards';
  const from = fromPosition ?? (backwards ? 'end' : 'start');
  if (from === 'start') return backwards ? -1n : 0n;
  return from === 'end' ? MAX_POSITION : from.commit;
}

/** A copy of the stream's stored metadata to change, keeping keys this store does not interpret. */
function storedMetadata(q: Queries, stream: string): RawMetadata {
  const current = q.rawMetadata(stream);
  return isRawObject(current) ? { ...current } : {};
}

function metadataEvent(raw: RawMetadata): EncodedEvent {
  return encodeMetadataEvent(randomUUID(), stringifyMetadataJson(raw));
}

function assertStreamName(stream: string): void {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('Stream name must be a non-empty string');
}

function countOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return NO_LIMIT;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
