import {
  BINARY_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  type ContentType,
  type EventData,
  type JsonValue,
  type Position,
  type RecordedEvent,
} from '../event-store.port.js';
import { eventSize } from '../append-size.js';

/** An event ready to be written: validated, serialised and measured before it reaches the writer. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: ContentType;
  readonly data: string | Buffer; // JSON text, or the bytes of a binary event
  readonly metadata: string | null; // JSON text; null when the event had none
  readonly correlationId: string | null;
  /** What counts against maxAppendSize, measured as EventStoreDB measures an event (append-size.ts). */
  readonly size: number;
}

/** A row of the events table as better-sqlite3 returns it (safe integers on). */
export interface EventRow {
  readonly position: bigint;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly event_id: string;
  readonly type: string;
  readonly content_type: string;
  readonly data: string | Buffer;
  readonly metadata: string | null;
  readonly created: bigint;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeEvent(event: EventData): EncodedEvent {
  // EventStoreDB only takes UUIDs and hands them back in lower case; doing the same keeps the adapters interchangeable.
  if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new TypeError(`Event id must be a UUID, got '${String(event.id)}'`);
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError('Event type must be a non-empty string');
  const contentType = event.contentType ?? JSON_CONTENT_TYPE;
  let data: string | Buffer;
  if (contentType === BINARY_CONTENT_TYPE) {
    if (!(event.data instanceof Uint8Array)) throw new TypeError(`Binary event ${event.id} must carry its data as a Uint8Array`);
    data = Buffer.from(event.data.buffer, event.data.byteOffset, event.data.byteLength);
  } else if (contentType === JSON_CONTENT_TYPE) {
    if (event.data instanceof Uint8Array) throw new TypeError(`JSON event ${event.id} must carry its data as a JSON value`);
    data = toJson(event.data, `data of event ${event.id}`);
  } else {
    throw new TypeError(`Unsupported content type '${String(contentType)}'`);
  }
  const metadata = event.metadata === undefined ? null : toJson(event.metadata, `metadata of event ${event.id}`);
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    contentType,
    data,
    metadata,
    correlationId: correlationIdOf(event.metadata),
    size: eventSize(event.type, byteLength(data), metadata === null ? 0 : Buffer.byteLength(metadata)),
  };
}

/** A `$metadata` event whose JSON text was written by the metadata codec (it may hold 64-bit integers). */
export function encodeMetadataEvent(id: string, json: string): EncodedEvent {
  const type = '$metadata';
  return {
    id,
    type,
    contentType: JSON_CONTENT_TYPE,
    data: json,
    metadata: null,
    correlationId: null,
    size: eventSize(type, Buffer.byteLength(json), 0),
  };
}

export function decodeRow(row: EventRow): RecordedEvent {
  const contentType = row.content_type === BINARY_CONTENT_TYPE ? BINARY_CONTENT_TYPE : JSON_CONTENT_TYPE;
  const data =
    contentType === BINARY_CONTENT_TYPE
      ? new Uint8Array(typeof row.data === 'string' ? Buffer.from(row.data) : row.data)
      : (JSON.parse(typeof row.data === 'string' ? row.data : row.data.toString('utf8')) as JsonValue);
  return {
    streamId: row.stream_id,
    revision: row.revision,
    id: row.event_id,
    type: row.type,
    contentType,
    data,
    metadata: row.metadata === null ? undefined : (JSON.parse(row.metadata) as JsonValue),
    position: toPosition(row.position),
    created: new Date(Number(row.created)),
  };
}

export function toPosition(sequence: bigint): Position {
  return { commit: sequence, prepare: sequence };
}

/** The category of `article-123` is `article` (the part before the first '-'), as in EventStoreDB's $by_category. */
export function categoryOf(stream: string): string | null {
  const dash = stream.indexOf('-');
  return dash > 0 ? stream.slice(0, dash) : null;
}

export const META_STREAM_PREFIX = '$$';

export function metaStreamOf(stream: string): string {
  return META_STREAM_PREFIX + stream;
}

export function isMetaStream(stream: string): boolean {
  return stream.startsWith(META_STREAM_PREFIX);
}

function correlationIdOf(metadata: JsonValue | undefined): string | null {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return null;
  const id = metadata.$correlationId;
  return typeof id === 'string' ? id : null;
}

function toJson(value: JsonValue, what: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`The ${what} is not a JSON value`);
  return text;
}

function byteLength(data: string | Buffer): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}
