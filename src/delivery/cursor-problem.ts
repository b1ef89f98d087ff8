import type { Position } from '../platform/event-store/event-store.port.js';
import { ProblemException } from '../platform/http/problem.js';
import { decodeCursor } from './public-events/cursor.js';

/** A cursor from a request, or a 400 that names where it came from. */
export function positionFromCursor(cursor: string, field: string): Position {
  const position = decodeCursor(cursor);
  if (position !== undefined) return position;
  throw new ProblemException({
    status: 400,
    type: 'invalid-cursor',
    title: 'Invalid cursor',
    detail: `${field} is not a cursor from this feed; use the cursor of an event (or the feed's "next") as it was given.`,
    extensions: { errors: [{ field, messages: ['not a feed cursor'] }] },
  });
}
