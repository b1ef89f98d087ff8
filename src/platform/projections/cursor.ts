import { Refusal } from '../../kernel/refusal.js';

/**
 * Opaque keyset cursors: the sort key of the last item a page showed, base64url-encoded JSON. Keyset
 * rather than offset, so a page does not shift when newer items arrive, and a cursor stays valid across
 * a rebuilt read model (it holds values, not row numbers).
 */
export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== length || !values.every((value) => typeof value === 'string')) {
    throw new Refusal('invalid', 'invalid_cursor', 'Pass the cursor exactly as a previous page returned it (nextCursor).', {
      title: 'Invalid cursor',
    });
  }
  return values;
}
