import { BINARY_CONTENT_TYPE, JSON_CONTENT_TYPE, type JsonValue, type Position, type RecordedEvent } from '../../event-store.port.js';
import type { ReadResp } from './generated.js';

const fromUtf8 = new TextDecoder('utf-8', { fatal: true });
const TICKS_PER_MS = 10_000n;
/** A position field the server left at -1 (no position), as an unsigned 64-bit decimal. */
const NO_POSITION = '18446744073709551615';

/** An event as a read delivered it: the resolved event (or the event itself), its link, and the raw data. */
export interface ReadEvent {
  /** Undefined for a link whose event is gone (deleted or scavenged). */
  readonly event: RecordedEvent | undefined;
  readonly link: RecordedEvent | undefined;
  /** The bytes of the event's data, as stored (metadata reads parse them themselves). */
  readonly data: Uint8Array | undefined;
}

export function readEventOf(message: ReadResp.ReadEvent): ReadEvent {
  const original = message.hasCommitPosition() ? message.getCommitPosition() : undefined;
  const event = message.getEvent();
  const link = message.getLink();
  return {
    event: event ? recordedEvent(event, original) : undefined,
    link: link ? recordedEvent(link, original) : undefined,
    data: event ? new Uint8Array(event.getData_asU8()) : undefined,
  };
}

function recordedEvent(record: ReadResp.ReadEvent.RecordedEvent, original: string | undefined): RecordedEvent {
  const metadata = record.getMetadataMap();
  const type = metadata.get('type') ?? '';
  const json = metadata.get('content-type') === JSON_CONTENT_TYPE;
  const bytes = record.getData_asU8();
  const data = json ? parseJson(bytes) : undefined;
  return {
    streamId: Buffer.from(record.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8'),
    revision: BigInt(record.getStreamRevision()),
    id: uuidOf(record),
    type,
    // JSON that does not parse is handed on as the bytes it is, rather than guessed at.
    contentType: data === undefined ? BINARY_CONTENT_TYPE : JSON_CONTENT_TYPE,
    data: data ?? new Uint8Array(bytes),
    metadata: customMetadata(record.getCustomMetadata_asU8()),
    position: positionOf(record, original),
    created: createdOf(metadata.get('created')),
  };
}

function positionOf(record: ReadResp.ReadEvent.RecordedEvent, original: string | undefined): Position {
  const commit = record.getCommitPosition();
  const prepare = record.getPreparePosition();
  if (commit !== NO_POSITION && prepare !== NO_POSITION) return { commit: BigInt(commit), prepare: BigInt(prepare) };
  // Servers that do not send an event's own position still send the position it was read at.
  const fallback = original !== undefined && original !== NO_POSITION ? BigInt(original) : 0n;
  return { commit: fallback, prepare: fallback };
}

function uuidOf(record: ReadResp.ReadEvent.RecordedEvent): string {
  const id = record.getId();
  if (!id) throw new Error('EventStoreDB sent an event without an id');
  if (id.hasString()) return id.getString();
  const structured = id.getStructured();
  if (!structured) throw new Error('EventStoreDB sent an event with an empty id');
  const hex = (v: string): string => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0');
  const h = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function parseJson(bytes: Uint8Array): JsonValue | undefined {
  try {
    return JSON.parse(fromUtf8.decode(bytes)) as JsonValue;
  } catch {
    return undefined;
  }
}

/** The port carries JSON metadata only; none, or anything else, reads as undefined. */
function customMetadata(bytes: Uint8Array): JsonValue | undefined {
  return bytes.length === 0 ? undefined : parseJson(bytes);
}

/** .NET ticks (100 ns) since the Unix epoch. */
function createdOf(ticks: string | undefined): Date {
  if (ticks === undefined || !/^\d+$/.test(ticks)) return new Date(0);
  return new Date(Number(BigInt(ticks) / TICKS_PER_MS));
}
