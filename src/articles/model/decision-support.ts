import type { DecideContext } from '../../kernel/decider.js';

/** Who did it and when, as most events record it. */
export function stamp(ctx: DecideContext): { by: string; byName: string; at: string } {
  return { by: ctx.actor.id, byName: ctx.actor.displayName, at: ctx.now.toISOString() };
}

/** Trimmed text, or undefined when there is none worth keeping. */
export function presentText(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Optional fields are left out rather than set to undefined: events and state are plain JSON. */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
