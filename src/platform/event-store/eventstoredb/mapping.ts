import grpc from '@grpc/grpc-js';
import {
  BINARY_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  type EventData,
  type ExpectedRevision,
  type JsonValue,
  type Position,
  type RecordedEvent,
} from '../event-store.port.js';
import {
  EventStoreUnavailableError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ActualRevision,
} from '../errors.js';
import { appendSizeOf } from '../append-size.js';
import {
  ErrorType,
  convertToCommandError,
  isCommandError,
  type CommandError,
  type EsdbEventData,
  type EsdbRecordedEvent,
  type ResolvedEvent,
} from './esdb-client.js';

const utf8 = new TextEncoder();
const grpcStatus = grpc.status;

export function toEsdbEvent(event: EventData): EsdbEventData {
  const contentType = event.contentType ?? JSON_CONTENT_TYPE;
  // The client only sends truthy metadata; null/false/0/"" are dropped on the wire and read back as undefined.
  const metadata = event.metadata === undefined || event.metadata === null ? undefined : event.metadata;
  if (contentType === BINARY_CONTENT_TYPE) {
    const data = event.data instanceof Uint8Array ? event.data : utf8.encode(JSON.stringify(event.data));
    return { id: event.id, type: event.type, contentType, data, metadata } as EsdbEventData;
  }
  // The client JSON.stringifies JSON data itself; bytes handed in as JSON are taken to be encoded JSON already.
  const data = event.data instanceof Uint8Array ? (JSON.parse(new TextDecoder().decode(event.data)) as JsonValue) : event.data;
  return { id: event.id, type: event.type, contentType, data, metadata } as EsdbEventData;
}

export function fromEsdbEvent(event: EsdbRecordedEvent, fallbackCommit?: bigint): RecordedEvent {
  const position: Position = event.position ?? { commit: fallbackCommit ?? 0n, prepare: fallbackCommit ?? 0n };
  return {
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    contentType: event.isJson ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE,
    data: event.isJson ? (event.data as JsonValue) : copyBytes(event.data),
    // The client hands back metadata that is not valid JSON as raw bytes; the port only carries JSON metadata.
    metadata: event.metadata instanceof Uint8Array ? undefined : (event.metadata as JsonValue | undefined),
    position,
    created: event.created,
  };
}

/** The event a resolved read produced, or undefined for an unresolvable link. */
export function fromResolved(resolved: ResolvedEvent): RecordedEvent | undefined {
  return resolved.event ? fromEsdbEvent(resolved.event, resolved.commitPosition) : undefined;
}

// Protobuf bytes may come back as a Buffer or a view on a larger buffer; callers compare plain Uint8Arrays.
function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

export interface ErrorContext {
  readonly stream?: string;
  readonly expected?: ExpectedRevision;
  readonly events?: readonly EventData[];
}

/**
 * The client's own error for a gRPC failure. Some calls (e.g. the server-features probe
 * before an append) reject with the raw grpc-js error instead of a converted one.
 */
function normalize(error: unknown): unknown {
  return error instanceof Error ? convertToCommandError(error) : error;
}

export type ErrorKind = 'transient' | 'deadline' | 'final';

/**
 * Whether a failure says something about the request (final), or only that this attempt did not reach a
 * node able to serve it (transient: worth another attempt for an idempotent call):
 * - UNAVAILABLE: refused or dropped connection, "Server Is Not Ready", "Server Is Too Busy";
 * - CANCELLED by the server (not by us);
 * - NotLeader: the client has dropped its channel and reconnects to the leader named in the error;
 * - INTERNAL: e.g. "Received RST_STREAM with code 2", a stream reset by a proxy or a node going away;
 * - ABORTED: the server timed the write out (a commit during an election); the event ids make a retry safe;
 * - BatchAppend's untyped answers "Server Is Not Ready" / "Server Is Busy", and "No leader info available".
 */
export function classify(raw: unknown): ErrorKind {
  const error = normalize(raw);
  if (!(error instanceof Error) || !isCommandError(error)) return 'final';
  switch (error.type) {
    case ErrorType.UNAVAILABLE:
    case ErrorType.CANCELLED:
    case ErrorType.NOT_LEADER:
    case ErrorType.TIMEOUT:
      return 'transient';
    case ErrorType.DEADLINE_EXCEEDED:
      return 'deadline';
    case ErrorType.UNKNOWN:
      if (error.code === grpcStatus.INTERNAL) return 'transient';
      return /Server Is (Not Ready|Busy|Too Busy)|No leader info available/.test(error.message) ? 'transient' : 'final';
    default:
      return 'final';
  }
}

export function mapError(raw: unknown, context: ErrorContext = {}): unknown {
  const error = normalize(raw);
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  const e = error;
  // The stream we addressed is exact; the server's trailer copy of a name must be ASCII-safe and may be mangled.
  switch (e.type) {
    case ErrorType.WRONG_EXPECTED_VERSION: {
      const stream = context.stream ?? e.streamName;
      // The server's echo of the expected revision is numeric for delete/tombstone (-1, -2 …); what we sent is exact.
      const expected = context.expected ?? toExpected(e.expectedVersion);
      return new WrongExpectedVersionError(stream, expected, toActual(e.actualVersion));
    }
    case ErrorType.STREAM_NOT_FOUND:
      return new StreamNotFoundError(context.stream ?? e.streamName);
    case ErrorType.STREAM_DELETED:
      return new StreamDeletedError(context.stream ?? e.streamName);
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return new MaxAppendSizeExceededError(context.stream ?? '', e.maxAppendSize, appendSizeOf(context.events ?? []));
    default: {
      const eventLimit = eventSizeLimitOf(e);
      if (eventLimit !== undefined)
        return new MaxAppendSizeExceededError(context.stream ?? '', eventLimit, appendSizeOf(context.events ?? []));
      if (classify(e) !== 'final') return new EventStoreUnavailableError(`EventStoreDB unavailable: ${e.message}`, { cause: e });
      return e;
    }
  }
}

/**
 * KurrentDB 25.0+ refuses one event over its MaxAppendEventSize with an exception client 6.2.1 does not
 * know: on Append as `maximum-append-event-size-exceeded` trailers, on BatchAppend as a detail it can
 * only report as "Could not recognize MaximumAppendEventSizeExceeded". Both are the same 413 as an
 * append over the total limit. Returns the server's per-event limit, or 0 where it does not say.
 */
function eventSizeLimitOf(error: CommandError): number | undefined {
  const raw = (error as { _raw?: { metadata?: { get(key: string): unknown[] } } })._raw;
  const trailers = raw?.metadata?.get?.('exception');
  if (trailers?.some((v) => String(v) === 'maximum-append-event-size-exceeded')) {
    return Number(raw?.metadata?.get('maximum-append-event-size')[0] ?? 0);
  }
  return error.message.includes('MaximumAppendEventSizeExceeded') ? 0 : undefined;
}

function toExpected(value: ExpectedRevision): ExpectedRevision {
  if (typeof value !== 'bigint' || value >= 0n) return value;
  if (value === -1n) return 'no_stream';
  if (value === -4n) return 'stream_exists';
  return 'any';
}

function toActual(value: bigint | 'no_stream'): ActualRevision {
  return typeof value === 'bigint' && value < 0n ? 'no_stream' : value;
}
