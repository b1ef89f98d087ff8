import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';
import type { JsonValue, StreamAcl, StreamMetadata } from './event-store.port.js';

/**
 * Stream metadata as EventStoreDB stores it in `$$<stream>`: a JSON object with its system keys
 * ($maxCount, $tb, $acl …). One codec for every adapter, so that the embedded store and EventStoreDB
 * read and write the same documents.
 *
 * `$tb` is a 64-bit integer on the server: a soft delete writes Int64.MaxValue (2^63-1). JSON.parse
 * would round that to 2^63, and writing the rounded value back overflows the server's parser, so
 * metadata text is parsed and written with integers beyond 2^53 kept as bigint.
 */
export type RawMetadataValue = JsonValue | bigint | RawMetadataValue[] | { [key: string]: RawMetadataValue };
export type RawMetadata = { [key: string]: RawMetadataValue };

/** EventStoreDB's EventNumber.DeletedStream: the `$tb` a soft delete writes, and the revision of a tombstone. */
export const DELETED_STREAM_REVISION = 9_223_372_036_854_775_807n;

const SYSTEM_KEYS = {
  maxCount: '$maxCount',
  maxAge: '$maxAge',
  truncateBefore: '$tb',
  cacheControl: '$cacheControl',
  acl: '$acl',
} as const;

const ACL_KEYS = {
  readRoles: '$r',
  writeRoles: '$w',
  deleteRoles: '$d',
  metaReadRoles: '$mr',
  metaWriteRoles: '$mw',
} as const satisfies Record<keyof StreamAcl, string>;

/** Integers that a double cannot hold exactly come back as bigint; everything else as JSON.parse reads it. */
export function parseMetadataJson(text: string): RawMetadataValue {
  return parse(text, null, (value: string) =>
    isInteger(value) && !isSafeNumber(value) ? BigInt(value) : parseFloat(value),
  ) as RawMetadataValue;
}

export function stringifyMetadataJson(value: RawMetadata): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError('Stream metadata is not a JSON object');
  return text;
}

/** The port's names to the stored ones; throws a RangeError or TypeError on a value the server would reject. */
export function toRawMetadata(metadata: StreamMetadata): RawMetadata {
  const raw: RawMetadata = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined) continue;
    switch (key) {
      case 'truncateBefore':
        raw.$tb = truncateBeforeValue(value);
        break;
      case 'maxCount':
      case 'maxAge':
      case 'cacheControl':
        raw[SYSTEM_KEYS[key]] = positiveInteger(key, value);
        break;
      case 'acl':
        raw.$acl = aclToRaw(value as StreamAcl);
        break;
      default:
        raw[key] = jsonValue(key, value);
    }
  }
  return raw;
}

export function fromRawMetadata(raw: RawMetadataValue | undefined): StreamMetadata {
  if (!isRawObject(raw)) return {};
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case '$tb': {
        const truncateBefore = truncateBeforeOf(value);
        if (truncateBefore !== undefined) metadata.truncateBefore = truncateBefore;
        break;
      }
      case '$maxCount':
        if (typeof value === 'number') metadata.maxCount = value;
        break;
      case '$maxAge':
        if (typeof value === 'number') metadata.maxAge = value;
        break;
      case '$cacheControl':
        if (typeof value === 'number') metadata.cacheControl = value;
        break;
      case '$acl':
        if (isRawObject(value)) metadata.acl = aclFromRaw(value);
        break;
      default:
        metadata[key] = value;
    }
  }
  return metadata;
}

/** `$tb` as a revision, exact up to 2^63-1; undefined when the stored value is not a non-negative integer. */
export function truncateBeforeOf(value: RawMetadataValue | undefined): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}

export function isRawObject(value: RawMetadataValue | undefined): value is RawMetadata {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function truncateBeforeValue(value: unknown): bigint | number {
  const n = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (n === undefined || n < 0n || n > DELETED_STREAM_REVISION) {
    throw new RangeError(`truncateBefore must be an integer from 0 to 2^63-1, got ${String(value)}`);
  }
  // Small values stay plain numbers, as every other client writes them.
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function positiveInteger(key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`Stream metadata ${key} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function aclToRaw(acl: StreamAcl): RawMetadata {
  const raw: RawMetadata = {};
  for (const [key, wire] of Object.entries(ACL_KEYS) as [keyof StreamAcl, string][]) {
    const roles = acl[key];
    if (roles !== undefined) raw[wire] = [...roles];
  }
  return raw;
}

function aclFromRaw(raw: RawMetadata): StreamAcl {
  const acl: Record<string, readonly string[]> = {};
  for (const [key, wire] of Object.entries(ACL_KEYS)) {
    const roles = raw[wire];
    // EventStoreDB also accepts a single role as a plain string.
    if (typeof roles === 'string') acl[key] = [roles];
    else if (Array.isArray(roles)) acl[key] = (roles as RawMetadataValue[]).filter((r): r is string => typeof r === 'string');
  }
  return acl;
}

function jsonValue(key: string, value: unknown): JsonValue {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`Stream metadata '${key}' is not a JSON value`);
  return JSON.parse(text) as JsonValue;
}
