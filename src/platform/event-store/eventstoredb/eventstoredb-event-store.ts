import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { appendSizeOf, DEFAULT_MAX_APPEND_SIZE } from '../append-size.js';
import {
  EventStoreClosedError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  UnsupportedEventStoreServerError,
  WrongExpectedVersionError,
} from '../errors.js';
import {
  type AppendResult,
  type DeleteResult,
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
import { fromRawMetadata, parseMetadataJson, stringifyMetadataJson, toRawMetadata } from '../stream-metadata.js';
import { call, type CallPolicy, Deadline, DEFAULT_DEADLINE_MS, DEFAULT_RETRY_BUDGET_MS } from './call-policy.js';
import { queryOption, toClientConnectionString } from './connection-string.js';
import { EventStoreDBClient, type EsdbAppendResult, type EsdbClient } from './esdb-client.js';
import { channelGoneError, internalsOf, type ClientInternals } from './grpc/client-internals.js';
import { StreamsClient } from './grpc/generated.js';
import { appendJsonBytes } from './grpc/metadata-append.js';
import { readByCorrelationId, readCategory, type IndexedReadState } from './indexed-reads.js';
import { toEsdbEvent } from './mapping.js';
import { readAllPaged, readStreamEvents, readStreamPaged, type ReadContext } from './paged-reads.js';
import { fetchServerInfo, type ServerInfo } from './server-version.js';
import { DEFAULT_RESUBSCRIBE, DEFAULT_SEARCH_WINDOW, EsdbSubscription, type ResubscribeOptions } from './subscription.js';

export interface EventStoreDbOptions {
  /** Backoff and bound for resubscribing after a dropped connection. */
  readonly resubscribe?: Partial<ResubscribeOptions>;
  /** Most events per read call (every read is paged). Default 1,000. */
  readonly readPageSize?: number;
  /**
   * Longest one operation may take, retries included. Default: the connection string's `defaultDeadline`
   * (client 6.2.1 applies it to appends only), else 10,000 ms.
   */
  readonly deadlineMs?: number;
  /** How long idempotent operations retry transient failures. Default 5,000 ms. */
  readonly retryBudgetMs?: number;
  /** The append limit, enforced here so that every store agrees (append-size.ts). Default 1,048,576. */
  readonly maxAppendSize?: number;
  /** Filter window: per server page while catching up and on filtered reads. Default 1,024. */
  readonly searchWindow?: number;
  readonly logger?: Pick<Logger, 'log' | 'warn' | 'error'>;
}

// deleteStream has no stream_exists in client 6.2.1; it is emulated with an exact revision,
// retried this many times when a concurrent append moves the stream on.
const DELETE_STREAM_EXISTS_TRIES = 5;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The EventStore port on EventStoreDB / KurrentDB (23.10 or newer) through @eventstore/db-client 6.2.1,
 * with what a production cluster needs and the client leaves out (docs/eventstoredb.md):
 *
 * - a deadline on every operation, cancelled on expiry (call-policy.ts);
 * - reads through the gRPC clients the package ships, paged, with server-side filters, on the leader
 *   for stream reads (paged-reads.ts); categories and correlation ids from indexes or projections
 *   where the server has them (indexed-reads.ts);
 * - retries of idempotent operations over transient failures within a jittered budget, NotLeader
 *   included (the client reconnects to the leader it names);
 * - the server version checked before first use: 23.10 and newer;
 * - one append limit for every store, 413 when exceeded; stream metadata exact to 64 bits.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly resubscribe: ResubscribeOptions;
  private readonly internals: ClientInternals;
  private readonly policy: CallPolicy;
  private readonly reads: ReadContext;
  private readonly maxAppendSize: number;
  private readonly searchWindow: number;
  private readonly logger: Pick<Logger, 'log' | 'warn' | 'error'>;
  private readonly indexState: IndexedReadState = { secondaryIndexes: true, warnedCorrelationScan: false };
  private server: ServerInfo | undefined;
  private serverCheck: Promise<ServerInfo> | undefined;
  private refusal: UnsupportedEventStoreServerError | undefined;
  /** Set while a channel whose ServerFeatures answer never came is being dropped. */
  private channelReset: Promise<void> = Promise.resolve();
  private closed = false;

  /**
   * e.g. `esdb://localhost:2113?tls=false`, a cluster's `esdb+discover://…`, or the same with
   * `kurrentdb://` (also `kurrent://`, `kdb://`). Keepalive and deadline options: docs/eventstoredb.md.
   */
  static fromConnectionString(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    const clientString = toClientConnectionString(connectionString);
    const fromString = Number(queryOption(clientString, 'defaultDeadline'));
    const deadlineMs = options.deadlineMs ?? (Number.isSafeInteger(fromString) && fromString > 0 ? fromString : undefined);
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(clientString), {
      ...options,
      ...(deadlineMs ? { deadlineMs } : {}),
    });
  }

  constructor(
    private readonly client: EsdbClient,
    options: EventStoreDbOptions = {},
  ) {
    this.internals = internalsOf(client);
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe };
    this.policy = {
      deadlineMs: positive('deadlineMs', options.deadlineMs ?? DEFAULT_DEADLINE_MS),
      retryBudgetMs: nonNegative('retryBudgetMs', options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS),
    };
    this.maxAppendSize = positive('maxAppendSize', options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE);
    this.searchWindow = positive('searchWindow', options.searchWindow ?? DEFAULT_SEARCH_WINDOW);
    this.logger = options.logger ?? new Logger('EventStoreDB');
    this.reads = {
      internals: this.internals,
      policy: this.policy,
      pageSize: Math.max(2, options.readPageSize ?? 1_000),
      searchWindow: this.searchWindow,
      onRetry: (operation) => (error, attempt, delayMs) =>
        this.logger.warn({ msg: 'EventStoreDB call failed; retrying', operation, attempt, delayMs, error: messageOf(error) }),
    };
  }

  /** The deadline and retry budget every operation runs under. */
  get callPolicy(): CallPolicy {
    return this.policy;
  }

  /**
   * Asks the server for its version and refuses one older than 23.10 (UnsupportedEventStoreServerError,
   * for good). Operations call it too, so a server unreachable at start is checked on first contact.
   */
  async verifyServer(): Promise<ServerInfo> {
    this.ensureOpen();
    return this.ensureServer(new Deadline('server version check', this.policy));
  }

  async appendToStream(
    stream: string,
    events: readonly EventData[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    // The adapter's limit, not the server's: an append the embedded store refuses is refused here too,
    // before anything travels (413).
    const size = appendSizeOf(events);
    if (size > this.maxAppendSize) throw new MaxAppendSizeExceededError(stream, this.maxAppendSize, size);
    const proposed = events.map(toEsdbEvent);
    const deadline = new Deadline('append', this.policy);
    await this.ensureServer(deadline);
    const result = await call(deadline, this.callOptions('append', { stream, expected, events }), async (remainingMs, signal) => {
      await this.capabilitiesWithin(signal);
      if (signal.aborted) throw deadline.exceeded();
      // The deadline goes to the server with a batched append, which drops it there when it passes.
      return this.client.appendToStream(stream, proposed, { expectedRevision: expected, deadline: remainingMs, requiresLeader: true });
    });
    // An empty append only checks the expected revision; client 6.2.1 then reports revision 0
    // even for a stream that does not exist, so the answer comes from the stream itself.
    if (events.length === 0) return this.head(stream, deadline);
    return this.withPosition(stream, result, deadline);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    if (options.maxCount === 0) return [];
    const deadline = new Deadline('readStream', this.policy);
    await this.ensureServer(deadline);
    return readStreamPaged(this.reads, deadline, stream, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    if (options.maxCount === 0) return [];
    const deadline = new Deadline('readAll', this.policy);
    await this.ensureServer(deadline);
    return readAllPaged(this.reads, deadline, options);
  }

  async readCategory(category: string, options: Omit<ReadAllOptions, 'filter'> = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    if (options.maxCount === 0) return [];
    const deadline = new Deadline('readCategory', this.policy);
    const server = await this.ensureServer(deadline);
    return readCategory(this.reads, deadline, server, this.indexState, category, options);
  }

  async readByCorrelationId(correlationId: string): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const deadline = new Deadline('readByCorrelationId', this.policy);
    await this.ensureServer(deadline);
    return readByCorrelationId(this.reads, deadline, this.indexState, correlationId, (msg) => this.logger.warn({ msg }));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const subscription = new EsdbSubscription({
      client: this.client,
      options,
      resubscribe: this.resubscribe,
      endOfAll: () => this.endOfAll(new Deadline('subscribeToAll', this.policy)),
      onClose: (s) => this.subscriptions.delete(s),
      beforeConnect: async () => {
        await this.ensureServer(new Deadline('subscribeToAll', this.policy));
      },
      confirmWithinMs: this.policy.deadlineMs,
      searchWindow: this.searchWindow,
      onResubscribe: (reason, attempt, delayMs) =>
        this.logger.warn({ msg: 'EventStoreDB subscription lost; subscribing again', attempt, delayMs, error: messageOf(reason) }),
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
    const data = utf8.encode(stringifyMetadataJson(toRawMetadata(metadata)));
    const metaStream = `$$${stream}`;
    // One event id for every attempt: a retry after a lost answer is recognised, not written twice.
    const eventId = randomUUID();
    const deadline = new Deadline('setStreamMetadata', this.policy);
    await this.ensureServer(deadline);
    const result = await call(deadline, this.callOptions('setStreamMetadata', { stream: metaStream, expected }), (remainingMs, signal) =>
      appendJsonBytes(this.internals, { stream: metaStream, eventId, type: '$metadata', data, expected, deadlineMs: remainingMs, signal }),
    );
    return this.withPosition(metaStream, result, deadline);
  }

  /** Read on the leader, from the stored bytes: `$tb` is a 64-bit value (2^63-1 after a soft delete). */
  async getStreamMetadata(stream: string): Promise<StreamMetadataResult> {
    this.ensureOpen();
    const deadline = new Deadline('getStreamMetadata', this.policy);
    await this.ensureServer(deadline);
    let read;
    try {
      read = await readStreamEvents(this.reads, deadline, `$$${stream}`, {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
        requiresLeader: true,
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { streamName: stream };
      throw error;
    }
    const [last] = read;
    if (!last?.data || last.event?.contentType !== 'application/json') return { streamName: stream };
    try {
      return { streamName: stream, metadata: fromRawMetadata(parseMetadataJson(fromUtf8.decode(last.data))) };
    } catch {
      return { streamName: stream }; // not JSON: the server ignores such metadata too
    }
  }

  async deleteStream(stream: string, options: { readonly expectedRevision?: ExpectedRevision } = {}): Promise<DeleteResult> {
    this.ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    const deadline = new Deadline('deleteStream', this.policy);
    await this.ensureServer(deadline);
    if (expected !== 'stream_exists') return this.deleteOnce(stream, expected, expected, deadline);
    for (let attempt = 1; ; attempt++) {
      const last = (await this.lastEvent(stream, deadline))?.revision;
      if (last === undefined) throw new WrongExpectedVersionError(stream, 'stream_exists', 'no_stream');
      try {
        return await this.deleteOnce(stream, last, 'stream_exists', deadline);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= DELETE_STREAM_EXISTS_TRIES) throw error;
      }
    }
  }

  async tombstoneStream(stream: string, options: { readonly expectedRevision?: ExpectedRevision } = {}): Promise<DeleteResult> {
    this.ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    const deadline = new Deadline('tombstoneStream', this.policy);
    await this.ensureServer(deadline);
    // Not retried: a tombstone that did land would make the retry report StreamDeleted.
    const result = await call(deadline, { idempotent: false, context: { stream, expected } }, (remainingMs) =>
      // The runtime maps stream_exists for tombstones although the client's type omits it.
      this.client.tombstoneStream(stream, {
        expectedRevision: expected as 'any' | 'no_stream' | bigint,
        deadline: remainingMs,
        requiresLeader: true,
      }),
    );
    return toDeleteResult(result);
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

  private async ensureServer(deadline: Deadline): Promise<ServerInfo> {
    if (this.refusal) throw this.refusal;
    if (this.server) return this.server;
    this.serverCheck ??= call(deadline, { idempotent: true, onRetry: this.reads.onRetry('server version check') }, (remainingMs, signal) =>
      fetchServerInfo(this.internals, remainingMs, signal),
    ).then(
      (info) => {
        this.server = info;
        this.indexState.secondaryIndexes = info.secondaryIndexes;
        if (info.newerThanChecked) {
          this.logger.warn({
            msg: 'EventStoreDB server is newer than the versions this adapter was checked against',
            version: info.version,
          });
        } else {
          this.logger.log({ msg: 'EventStoreDB server version supported', version: info.version });
        }
        return info;
      },
      (error: unknown) => {
        this.serverCheck = undefined; // unreachable now: ask again next time
        if (error instanceof UnsupportedEventStoreServerError) {
          this.refusal = error;
          this.logger.error({
            msg: 'EventStoreDB server version not supported',
            version: error.serverVersion,
            requirement: error.requirement,
          });
        }
        throw error;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(deadline.exceeded()), Math.max(0, deadline.remainingMs()));
    });
    try {
      return await Promise.race([this.serverCheck, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Client 6.2.1 asks ServerFeatures before its first append on a channel, without a deadline, and keeps
   * the answer; a node that never answers that call would hold every later append. When an append's
   * deadline passes while that answer is still awaited, the channel is dropped with it, so that the
   * next append asks again on a new channel (and waits for the drop to be done first).
   */
  private async capabilitiesWithin(signal: AbortSignal): Promise<void> {
    await this.channelReset;
    const capabilities = this.internals.capabilities;
    capabilities.catch(() => undefined);
    let onAbort: (() => void) | undefined;
    const abandoned = new Promise<'abandoned'>((resolve) => {
      onAbort = () => resolve('abandoned');
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      if ((await Promise.race([capabilities, abandoned])) !== 'abandoned') return;
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
    this.channelReset = this.internals
      .getGRPCClient(StreamsClient, 'appendToStream')
      .then((grpcClient) => this.internals.handleError(grpcClient, channelGoneError('ServerFeatures did not answer in time')))
      .catch((error: unknown) => this.logger.warn({ msg: 'Could not drop the EventStoreDB channel', error: messageOf(error) }));
    await this.channelReset;
    // This attempt is over (its deadline passed): it must not go on to send the append.
    throw channelGoneError('EventStoreDB did not say in time which append methods it has');
  }

  private async deleteOnce(
    stream: string,
    revision: 'any' | 'no_stream' | bigint,
    expected: ExpectedRevision,
    deadline: Deadline,
  ): Promise<DeleteResult> {
    const result = await call(deadline, { idempotent: false, context: { stream, expected } }, (remainingMs) =>
      this.client.deleteStream(stream, { expectedRevision: revision, deadline: remainingMs, requiresLeader: true }),
    );
    return toDeleteResult(result);
  }

  private async lastEvent(stream: string, deadline: Deadline): Promise<RecordedEvent | undefined> {
    try {
      const [last] = await readStreamPaged(this.reads, deadline, stream, { direction: 'backwards', maxCount: 1 });
      return last;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  private async head(stream: string, deadline: Deadline): Promise<AppendResult> {
    const last = await this.lastEvent(stream, deadline);
    if (last) return { nextExpectedRevision: last.revision, position: last.position };
    const end = await this.endOfAll(deadline);
    return { nextExpectedRevision: -1n, position: end === 'start' ? { commit: 0n, prepare: 0n } : end };
  }

  /** Older servers and idempotent retries may answer an append without a position. */
  private async withPosition(
    stream: string,
    result: Pick<EsdbAppendResult, 'nextExpectedRevision' | 'position'>,
    deadline: Deadline,
  ): Promise<AppendResult> {
    if (result.position) return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    const [event] = await readStreamPaged(this.reads, deadline, stream, { fromRevision: result.nextExpectedRevision, maxCount: 1 });
    if (!event) throw new Error(`EventStoreDB reported revision ${result.nextExpectedRevision} of '${stream}' but it cannot be read`);
    return { nextExpectedRevision: result.nextExpectedRevision, position: event.position };
  }

  private async endOfAll(deadline: Deadline): Promise<Position | 'start'> {
    const [last] = await readAllPaged(this.reads, deadline, { direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last?.position ?? 'start';
  }

  private callOptions(operation: string, context: { stream: string; expected: ExpectedRevision; events?: readonly EventData[] }) {
    return { idempotent: true, context, onRetry: this.reads.onRetry(operation) };
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function toDeleteResult(result: { position?: Position }): DeleteResult {
  return result.position ? { position: result.position } : {};
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
