import type { JsonValue, StreamAcl, StreamMetadata } from '../event-store.port.js';

/** Stream metadata as stored in `$$<stream>`: EventStoreDB's wire keys ($maxCount, $tb, $acl …). */
export type RawMetadata = { [key: string]: JsonValue };

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

export function toRawMetadata(metadata: StreamMetadata): RawMetadata {
  const raw: RawMetadata = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined) continue;
    switch (key) {
      case 'truncateBefore':
        raw.$tb = truncateBeforeToJson(value);
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

export function fromRawMetadata(raw: JsonValue): StreamMetadata {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case '$tb':
        if (typeof value === 'number' && Number.isInteger(value)) metadata.truncateBefore = BigInt(value);
        break;
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
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) metadata.acl = aclFromRaw(value);
        break;
      default:
        metadata[key] = value;
    }
  }
  return metadata;
}

/** The limits that hide events from stream reads; undefined where metadata sets none. */
export interface ReadLimits {
  readonly truncateBefore?: bigint;
  readonly maxCount?: number;
  readonly maxAgeSeconds?: number;
}

export function readLimitsOf(raw: JsonValue | undefined): ReadLimits {
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const { $tb: tb, $maxCount: maxCount, $maxAge: maxAge } = raw;
  return {
    ...(typeof tb === 'number' && Number.isInteger(tb) ? { truncateBefore: BigInt(tb) } : {}),
    ...(typeof maxCount === 'number' && maxCount > 0 ? { maxCount } : {}),
    ...(typeof maxAge === 'number' && maxAge > 0 ? { maxAgeSeconds: maxAge } : {}),
  };
}

export function truncateBeforeToJson(value: unknown): number {
  const n = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : undefined;
  // The number goes into JSON, like the EventStoreDB client writes it: it must survive a round trip through a double.
  if (n === undefined || n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`truncateBefore must be a non-negative integer up to 2^53-1, got ${String(value)}`);
  }
  return Number(n);
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
    else if (Array.isArray(roles)) acl[key] = roles.filter((r): r is string => typeof r === 'string');
  }
  return acl;
}

function jsonValue(key: string, value: unknown): JsonValue {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`Stream metadata '${key}' is not a JSON value`);
  return JSON.parse(text) as JsonValue;
}
