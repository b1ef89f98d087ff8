/**
 * Moved to src/event-sourcing/deterministic-ids.ts. Kept only for bench/ and src/delivery/,
 * written while the move happened; delete once they import from there.
 */
import { nameBasedId } from '../../event-sourcing/deterministic-ids.js';

export { nameBasedId };

/**
 * @deprecated Leaves the stream out, so one Idempotency-Key on two streams gives both the same
 * event ids. Only bench/lib/article-history.ts uses it (with random command ids); use
 * eventIdFor(streamId, commandId, index) from src/event-sourcing/deterministic-ids.ts.
 */
export function eventIdFor(commandId: string, index: number): string {
  return nameBasedId('event', commandId, String(index));
}
