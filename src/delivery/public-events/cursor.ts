import type { Position } from '../../platform/event-store/event-store.port.js';

/**
 * A cursor is a log position wrapped so that integrators treat it as opaque: the store may
 * change (SQLite sequence numbers today, EventStoreDB commit/prepare offsets tomorrow) and
 * the prefix lets a later format be told apart. base64url keeps it safe in a query string
 * and in an SSE `id:` line.
 */
const PREFIX = 'p1';
const DIGITS = /^\d{1,20}$/;

export function encodeCursor(position: Position): string {
  return Buffer.from(`${PREFIX}:${String(position.commit)}:${String(position.prepare)}`, 'utf8').toString('base64url');
}

/** The position a cursor stands for, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): Position | undefined {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) return undefined;
  const [prefix, commit, prepare, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (prefix !== PREFIX || rest.length > 0 || commit === undefined || prepare === undefined) return undefined;
  if (!DIGITS.test(commit) || !DIGITS.test(prepare)) return undefined;
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}
