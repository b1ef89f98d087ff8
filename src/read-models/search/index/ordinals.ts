import { createHash } from 'node:crypto';

/**
 * Each document's full-text rowid (its ordinal) is its sort instant in milliseconds, shifted left by
 * 20 bits, plus 20 bits of a hash of its key. So the index itself keeps documents newest first: a page
 * is the first rows of a rowid-descending scan and stops early, a date range is a rowid range, and the
 * ordinal is a pure function of the document, the same whether it was indexed incrementally or in a
 * rebuild. Two documents of the same millisecond whose keys hash alike (one such pair in a million)
 * take the next free ordinal in the order they were indexed.
 */
const SLOT_BITS = 20n;
const SLOT_MASK = (1n << SLOT_BITS) - 1n;
/** Just short of 2^43 ms (the year 2248), so that every ordinal stays below SQLite's largest integer. */
const LAST_MILLISECOND = 2 ** 43 - 2;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const LOWEST_ORDINAL = 0n;
/** Above every ordinal: the exclusive upper bound of an open range. */
export const BEYOND_ORDINALS = (1n << 63n) - 1n;

/** Milliseconds since 1970 of an ISO 8601 instant with a time zone, or undefined if it is not one. */
export function millisecondsOf(instant: string): number | undefined {
  if (!ISO_INSTANT.test(instant)) return undefined;
  const ms = Date.parse(instant);
  return Number.isFinite(ms) && ms >= 0 && ms <= LAST_MILLISECOND ? ms : undefined;
}

/** The first ordinal of a millisecond: the bound of a date range. */
export function firstOrdinalOf(ms: number): bigint {
  return BigInt(ms) << SLOT_BITS;
}

export function preferredOrdinal(ms: number, key: string): bigint {
  const hash = BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 8)}`) & SLOT_MASK;
  return firstOrdinalOf(ms) | hash;
}

export function millisecondOf(ordinal: bigint): number {
  return Number(ordinal >> SLOT_BITS);
}

/** The next ordinal to try after a taken one: the next slot of the same millisecond, wrapping round. */
export function nextSlot(ordinal: bigint): bigint {
  return (ordinal & ~SLOT_MASK) | (((ordinal & SLOT_MASK) + 1n) & SLOT_MASK);
}

export const SLOTS_PER_MILLISECOND = Number(SLOT_MASK + 1n);
