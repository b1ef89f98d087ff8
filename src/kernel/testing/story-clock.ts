import type { Actor } from '../identity.js';

/**
 * The clock of the sample stories the decider specs tell, in minutes from one morning, and the
 * `by`/`byName` pair every editorial event carries. Shared by every domain's event builders.
 */
const T0 = Date.parse('2025-01-20T01:00:00.000Z');

export function minute(n: number): string {
  return new Date(T0 + n * 60_000).toISOString();
}

export function clockAt(n: number): Date {
  return new Date(T0 + n * 60_000);
}

export function by(actor: Actor): { by: string; byName: string } {
  return { by: actor.id, byName: actor.displayName };
}
