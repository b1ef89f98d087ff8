import { SearchError } from '../search-error.js';

/** Where a page ended: the tier it was in and the last ordinal shown, for one particular search. */
export interface SearchCursor {
  readonly tier: number;
  readonly ordinal: bigint;
  /**
   * The newest ordinal in the index when the first page was read. Later pages look no higher, so
   * documents that arrive while someone pages are not slipped into tiers not yet reached.
   */
  readonly ceiling: bigint;
  /** Which search it belongs to (query, scope, filters), so a cursor is never applied to another. */
  readonly search: string;
}

/** Opaque to clients: base64url of JSON, values not row numbers, so it survives a rebuilt index. */
export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.tier, cursor.ordinal.toString(), cursor.ceiling.toString(), cursor.search])).toString(
    'base64url',
  );
}

export function decodeSearchCursor(cursor: string, search: string, tiers: readonly number[]): SearchCursor {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== 4 ||
    typeof values[0] !== 'number' ||
    !tiers.includes(values[0]) ||
    !isOrdinal(values[1]) ||
    !isOrdinal(values[2]) ||
    typeof values[3] !== 'string'
  ) {
    throw new SearchError('invalid-cursor', 'Pass the cursor exactly as a previous page returned it (nextCursor).', 'cursor');
  }
  if (values[3] !== search) {
    throw new SearchError('cursor-mismatch', 'This cursor belongs to another search: page on with the same query and filters.', 'cursor');
  }
  return { tier: values[0], ordinal: BigInt(values[1]), ceiling: BigInt(values[2]), search };
}

function isOrdinal(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value);
}
