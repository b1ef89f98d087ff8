/**
 * TEST-ONLY. Conversions between the EventStore port and EventStoreDB's gRPC messages, for the
 * test server in esdb-test-server.ts. Messages are built with the classes the client ships in
 * @eventstore/db-client/generated, loaded from that exact path: the generated serializers
 * reject any reply that is not `instanceof` their own class.
 */
import grpc from '@grpc/grpc-js';
import type { StatusObject } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb.js';
import {
  type ExpectedRevision,
  type JsonValue,
  type Position,
  type RecordedEvent,
} from '../../src/platform/event-store/event-store.port.js';
import {
  EventStoreClosedError,
  EventStoreUnavailableError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../../src/platform/event-store/errors.js';
import {
  DELETED_STREAM_REVISION,
  isRawObject,
  stringifyMetadataJson,
  type RawMetadata,
} from '../../src/platform/event-store/stream-metadata.js';
import type { Fault } from './faults.js';
import type { WirePositions } from './positions.js';

const { Metadata, status } = grpc;
export { streamsPb, sharedPb };

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** .NET ticks (100 ns) since the Unix epoch, as the client's `created` expects. */
const TICKS_PER_MS = 10_000n;

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new sharedPb.StreamIdentifier().setStreamName(utf8.encode(name));
}

export function parseUuid(uuid: UUID | undefined): string {
  if (!uuid) throw new Error('missing event id');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (!structured) throw new Error('empty event id');
  const hex = (v: string): string => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0');
  const h = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuid(id: string, structured: boolean): UUID {
  const out = new sharedPb.UUID();
  if (!structured) return out.setString(id);
  const hex = id.replace(/-/g, '');
  const part = (h: string): string => BigInt.asIntN(64, BigInt(`0x${h}`)).toString(10);
  return out.setStructured(
    new sharedPb.UUID.Structured().setMostSignificantBits(part(hex.slice(0, 16))).setLeastSignificantBits(part(hex.slice(16))),
  );
}

export function parseJson(bytes: Uint8Array, what: string): JsonValue {
  try {
    return JSON.parse(fromUtf8.decode(bytes)) as JsonValue;
  } catch {
    throw new BadRequest(`${what} is not UTF-8 JSON`);
  }
}

export function recordedEvent(event: RecordedEvent, structuredIds: boolean, positions: WirePositions): ReadResp.ReadEvent.RecordedEvent {
  const wire = positions.toWire(event.position);
  const out = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuid(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString(10))
    .setPreparePosition(wire.prepare.toString(10))
    .setCommitPosition(wire.commit.toString(10));
  const map = out.getMetadataMap();
  map.set('type', event.type);
  map.set('content-type', event.contentType);
  map.set('created', (BigInt(event.created.getTime()) * TICKS_PER_MS).toString(10));
  if (event.metadata !== undefined) out.setCustomMetadata(utf8.encode(JSON.stringify(event.metadata)));
  out.setData(dataBytes(event));
  return out;
}

/**
 * JSON events go out as the UTF-8 text of their JSON value; anything stored as bytes, as those bytes.
 * The backing store hands JSON back as JS values, in which the `$tb` of a soft delete (2^63-1) has
 * become 2^63; a real server stores and sends that metadata as written, so it goes out exactly.
 */
function dataBytes(event: RecordedEvent): Uint8Array {
  if (event.data instanceof Uint8Array) return event.data;
  if (event.type === '$metadata' && isRawObject(event.data) && typeof event.data.$tb === 'number' && event.data.$tb >= 2 ** 63) {
    return utf8.encode(stringifyMetadataJson({ ...(event.data as RawMetadata), $tb: DELETED_STREAM_REVISION }));
  }
  return utf8.encode(JSON.stringify(event.data));
}

export function readEvent(event: RecordedEvent, structuredIds: boolean, positions: WirePositions, link?: RecordedEvent): ReadResp {
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(recordedEvent(event, structuredIds, positions));
  if (link) read.setLink(recordedEvent(link, structuredIds, positions));
  read.setCommitPosition(positions.toWire((link ?? event).position).commit.toString(10));
  return new streamsPb.ReadResp().setEvent(read);
}

export function position(commit: string, prepare: string): Position {
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}

/** The gRPC status a real node answers with for a fault (faults.ts); undefined for hang and delay. */
export function faultStatus(fault: Fault): StatusObject | undefined {
  const metadata = new Metadata();
  switch (fault.kind) {
    case 'notLeader':
      metadata.set('exception', 'not-leader');
      metadata.set('leader-endpoint-host', fault.leader.host);
      metadata.set('leader-endpoint-port', String(fault.leader.port));
      return { code: status.NOT_FOUND, details: 'Leader info available', metadata };
    case 'notReady':
      return { code: status.UNAVAILABLE, details: 'Server Is Not Ready', metadata };
    case 'rstStream':
    case 'hang':
    case 'delay':
      return undefined;
  }
}

/** EventStoreDB's numeric spelling of symbolic expected revisions, as in `expected-version` trailers. */
export function expectedVersionNumber(expected: ExpectedRevision): bigint {
  if (typeof expected === 'bigint') return expected;
  return expected === 'no_stream' ? -1n : expected === 'stream_exists' ? -4n : -2n;
}

/** A request the server cannot make sense of. */
export class BadRequest extends Error {}

/**
 * A gRPC status with the `exception` trailers the client reads before the status code
 * (D/utils/CommandError.js). Names go through an ASCII-safe filter because metadata values
 * must be printable ASCII; the adapter prefers the name it addressed anyway.
 */
export function toStatus(error: unknown): StatusObject {
  const metadata = new Metadata();
  const details = error instanceof Error ? error.message : String(error);
  if (error instanceof WrongExpectedVersionError) {
    metadata.set('exception', 'wrong-expected-version');
    metadata.set('stream-name', asciiSafe(error.streamName));
    metadata.set('expected-version', expectedVersionNumber(error.expected).toString(10));
    metadata.set('actual-version', error.actual === 'no_stream' ? '' : error.actual.toString(10));
    return { code: status.FAILED_PRECONDITION, details, metadata };
  }
  if (error instanceof StreamDeletedError) {
    // Without stream-name the client throws inside its error conversion and the call never settles.
    metadata.set('exception', 'stream-deleted');
    metadata.set('stream-name', asciiSafe(error.streamName));
    return { code: status.FAILED_PRECONDITION, details, metadata };
  }
  if (error instanceof StreamNotFoundError) {
    metadata.set('exception', 'stream-not-found');
    metadata.set('stream-name', asciiSafe(error.streamName));
    return { code: status.NOT_FOUND, details, metadata };
  }
  if (error instanceof MaxAppendSizeExceededError) {
    metadata.set('exception', 'maximum-append-size-exceeded');
    metadata.set('maximum-append-size', String(error.maxAppendSize));
    return { code: status.INVALID_ARGUMENT, details, metadata };
  }
  if (error instanceof BadRequest) return { code: status.INVALID_ARGUMENT, details, metadata };
  if (error instanceof EventStoreUnavailableError || error instanceof EventStoreClosedError) {
    return { code: status.UNAVAILABLE, details, metadata };
  }
  return { code: status.INTERNAL, details, metadata };
}

function asciiSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

interface ExpectedRevisionOptions {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

/** Append, Delete and Tombstone options share field numbers 2-5 for the expected revision. */
export function expectedFrom(options: ExpectedRevisionOptions): ExpectedRevision {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}
