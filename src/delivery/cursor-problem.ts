import { Refusal } from '../kernel/refusal.js';
import type { Position } from '../platform/event-store/event-store.port.js';
import { decodeCursor } from './public-events/cursor.js';

/** A cursor from a request, or a 400 that names where it came from. */
export function positionFromCursor(cursor: string, field: string): Position {
  const position = decodeCursor(cursor);
  if (position !== undefined) return position;
  throw new Refusal(
    'invalid',
    'invalid_cursor',
    `${field} is not a cursor from this feed; use the cursor of an event (or the feed's "next") as it was given.`,
    { title: 'Invalid cursor', issues: [{ path: field, message: 'not a feed cursor' }] },
  );
}
