import type { JsonValue } from '../../kernel/json.js';

/**
 * The EventStore port, shaped like EventStoreDB as `@eventstore/db-client` 6.x exposes it:
 * 0-based stream revisions (bigint), expected revisions, global positions, reads forwards and
 * backwards, catch-up subscriptions that start *after* a position, stream metadata, soft
 * delete and tombstone. Every adapter passes test/contract (EVENT_STORE_CONTRACT.md).
 */

export type { JsonValue };

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export const JSON_CONTENT_TYPE = 'application/json';
export const BINARY_CONTENT_TYPE = 'application/octet-stream';
export type ContentType = typeof JSON_CONTENT_TYPE | typeof BINARY_CONTENT_TYPE;

/** An event proposed for appending. JSON events carry `data` as a JSON value, binary ones as bytes. */
export interface EventData {
  readonly id: string; // a UUID; retrying with the same ids is idempotent
  readonly type: string;
  readonly contentType?: ContentType; // default application/json
  readonly data: JsonValue | Uint8Array;
  readonly metadata?: JsonValue; // JSON object by convention ($correlationId, $causationId, …)
}

/** A position in the global log ($all). Ordered by commit, then prepare. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface RecordedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: ContentType;
  readonly data: JsonValue | Uint8Array;
  readonly metadata: JsonValue | undefined;
  readonly position: Position;
  readonly created: Date;
}

export interface AppendResult {
  readonly nextExpectedRevision: bigint; // revision of the last event in the stream
  readonly position: Position; // position of the last event written (or found, on an idempotent retry)
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction; // default forwards
  readonly fromRevision?: 'start' | 'end' | bigint; // inclusive; default start (forwards) / end (backwards)
  readonly maxCount?: number; // default: all
  /**
   * Read on the cluster's leader, never on a follower that may lag behind it (EventStoreDB; the embedded
   * store has one node). Default true: commands, leases and ledger heads decide on stream reads.
   */
  readonly requiresLeader?: boolean;
}

/** Server-side filter for $all reads and subscriptions (like EventStoreDB's filter options). */
export type EventFilter =
  | { readonly on: 'streamName'; readonly prefixes: readonly string[] }
  | { readonly on: 'streamName'; readonly regex: string }
  | { readonly on: 'eventType'; readonly prefixes: readonly string[] }
  | { readonly on: 'eventType'; readonly regex: string };

/** `^[^$].*` on event types, as EventStoreDB's excludeSystemEvents(). */
export const EXCLUDE_SYSTEM_EVENTS: EventFilter = { on: 'eventType', regex: '^[^$].*' };

export interface ReadAllOptions {
  readonly direction?: Direction;
  readonly fromPosition?: 'start' | 'end' | Position; // inclusive
  readonly maxCount?: number;
  readonly filter?: EventFilter;
  /** As for stream reads; default false: reads of the log serve views, which a follower serves as well. */
  readonly requiresLeader?: boolean;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription delivers events strictly after this position. */
  readonly fromPosition?: 'start' | 'end' | Position;
  readonly filter?: EventFilter;
  /**
   * Emit a checkpoint at least every this many events read (matching or not). Default 32. On EventStoreDB
   * this holds once live; while catching up, checkpoints come once per the adapter's search window
   * (docs/eventstoredb.md), so that a rebuild is not one server page per event.
   */
  readonly checkpointInterval?: number;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** The subscription has read up to here; safe to store as a checkpoint (filtered events included). */
  | { readonly kind: 'checkpoint'; readonly position: Position }
  /** Emitted once, when history has been delivered and live events follow. */
  | { readonly kind: 'caughtUp' };

/**
 * A catch-up subscription. Iterate it; leaving the loop (break/throw) or calling close()
 * releases it. A dropped connection makes the iterator throw EventStoreUnavailableError.
 */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}

export interface StreamAcl {
  readonly readRoles?: readonly string[];
  readonly writeRoles?: readonly string[];
  readonly deleteRoles?: readonly string[];
  readonly metaReadRoles?: readonly string[];
  readonly metaWriteRoles?: readonly string[];
}

export interface StreamMetadata {
  readonly maxCount?: number;
  readonly maxAge?: number; // seconds
  readonly truncateBefore?: bigint;
  readonly cacheControl?: number;
  readonly acl?: StreamAcl;
  readonly [custom: string]: unknown;
}

export interface StreamMetadataResult {
  readonly streamName: string;
  readonly metadata?: StreamMetadata;
}

export interface DeleteResult {
  readonly position?: Position;
}

export interface EventStore {
  appendToStream(
    stream: string,
    events: readonly EventData[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Throws StreamNotFoundError for a missing (or soft-deleted) stream, StreamDeletedError for a tombstoned one. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Events of every `<category>-*` stream, in global order, starting at (inclusive) a position. */
  readCategory(category: string, options?: Omit<ReadAllOptions, 'filter'>): Promise<RecordedEvent[]>;

  /** Events whose metadata.$correlationId equals the id, in global order. */
  readByCorrelationId(correlationId: string): Promise<RecordedEvent[]>;

  subscribeToAll(options?: SubscribeToAllOptions): Subscription;

  setStreamMetadata(
    stream: string,
    metadata: StreamMetadata,
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  getStreamMetadata(stream: string): Promise<StreamMetadataResult>;

  /** Soft delete: reads report not found; a later append continues numbering at last + 1. */
  deleteStream(stream: string, options?: { readonly expectedRevision?: ExpectedRevision }): Promise<DeleteResult>;
  /** Hard delete: reads and appends report StreamDeletedError, permanently. */
  tombstoneStream(stream: string, options?: { readonly expectedRevision?: ExpectedRevision }): Promise<DeleteResult>;

  /** Stop accepting work, finish what is in flight, release resources. */
  close(): Promise<void>;
}

/** Injection token for the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
