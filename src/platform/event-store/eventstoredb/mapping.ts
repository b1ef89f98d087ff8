import {
  BINARY_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  type EventData,
  type EventFilter,
  type ExpectedRevision,
  type JsonValue,
  type Position,
  type RecordedEvent,
  type StreamMetadata,
} from '../event-store.port.js';
import {
  EventStoreUnavailableError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ActualRevision,
} from '../errors.js';
import {
  ErrorType,
  convertToCommandError,
  isCommandError,
  type EsdbEventData,
  type EsdbRecordedEvent,
  type EsdbStreamMetadata,
  type ResolvedEvent,
} from './esdb-client.js';

const utf8 = new TextEncoder();

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

/** Roughly what EventStoreDB counts against its append limit: data plus metadata bytes. */
export function appendSize(events: readonly EventData[]): number {
  let size = 0;
  for (const e of events) {
    size += e.data instanceof Uint8Array ? e.data.byteLength : utf8.encode(JSON.stringify(e.data)).byteLength;
    if (e.metadata !== undefined) size += utf8.encode(JSON.stringify(e.metadata)).byteLength;
  }
  return size;
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

export function matchesFilter(filter: EventFilter, event: RecordedEvent): boolean {
  const subject = filter.on === 'streamName' ? event.streamId : event.type;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}

export function toEsdbStreamMetadata(metadata: StreamMetadata): EsdbStreamMetadata {
  const { truncateBefore, ...rest } = metadata;
  const out: Record<string, unknown> = { ...rest };
  if (truncateBefore !== undefined) {
    // The client writes $tb as a JSON number and rejects anything but an integer.
    if (truncateBefore > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`truncateBefore ${truncateBefore} exceeds 2^53-1`);
    out.truncateBefore = Number(truncateBefore);
  }
  return out;
}

export function fromEsdbStreamMetadata(metadata: EsdbStreamMetadata): StreamMetadata {
  const { truncateBefore, ...rest } = metadata as Record<string, unknown>;
  if (typeof truncateBefore === 'number') return { ...rest, truncateBefore: BigInt(truncateBefore) };
  return rest;
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

/** Errors that mean "the server could not be reached or the connection went away". */
export function isConnectionError(raw: unknown): boolean {
  const error = normalize(raw);
  if (!(error instanceof Error) || !isCommandError(error)) return false;
  switch (error.type) {
    case ErrorType.UNAVAILABLE:
    case ErrorType.CANCELLED:
    case ErrorType.DEADLINE_EXCEEDED:
    case ErrorType.TIMEOUT:
    case ErrorType.NOT_LEADER:
      return true;
    default:
      return false;
  }
}

/** The call failed on the connection (refused, dropped, server went away), not on its merits. */
export function isTransportFailure(raw: unknown): boolean {
  const error = normalize(raw);
  if (!(error instanceof Error) || !isCommandError(error)) return false;
  return error.type === ErrorType.UNAVAILABLE || error.type === ErrorType.CANCELLED;
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
      return new MaxAppendSizeExceededError(context.stream ?? '', e.maxAppendSize, appendSize(context.events ?? []));
    default:
      if (isConnectionError(e)) return new EventStoreUnavailableError(`EventStoreDB unavailable: ${e.message}`, { cause: e });
      return e;
  }
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
