import type { EventData } from './event-store.port.js';

/**
 * One measure and one default limit for appends, shared by every adapter, so that an append the
 * embedded store accepts is one EventStoreDB accepts too and an oversize one is refused alike (413).
 *
 * The measure is EventStoreDB's own (Event.SizeOnDisk): data bytes plus metadata bytes plus two bytes
 * per UTF-16 unit of the event type. The default is the server's MaxAppendSize up to 25.0, 1 MiB;
 * 25.1 raised its own defaults to 256 MiB per append and 16 MiB per event, which a larger configured
 * limit can use (docs/eventstoredb.md).
 */
export const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

const utf8 = new TextEncoder();

export function eventSize(type: string, dataBytes: number, metadataBytes: number): number {
  return dataBytes + metadataBytes + type.length * 2;
}

/** What EventStoreDB counts for this append: each event's data and metadata as the client encodes them. */
export function appendSizeOf(events: readonly EventData[]): number {
  let size = 0;
  for (const e of events) {
    const data = e.data instanceof Uint8Array ? e.data.byteLength : byteLength(JSON.stringify(e.data));
    // The client sends no metadata for null/undefined (and other falsy) values.
    const metadata = e.metadata === undefined || e.metadata === null ? 0 : byteLength(JSON.stringify(e.metadata));
    size += eventSize(e.type, data, metadata);
  }
  return size;
}

function byteLength(text: string | undefined): number {
  return text === undefined ? 0 : utf8.encode(text).byteLength;
}
