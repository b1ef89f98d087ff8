import { canonicalJson } from '../../kernel/canonical-json.js';

export interface ListChange<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
}

/**
 * Items only in `after` and items only in `before`, by value (canonical JSON, so key order
 * does not matter), counting repeats; undefined when both hold the same items.
 */
export function listChange<T>(before: readonly T[], after: readonly T[]): ListChange<T> | undefined {
  const added = without(after, before);
  const removed = without(before, after);
  return added.length === 0 && removed.length === 0 ? undefined : { added, removed };
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function without<T>(items: readonly T[], others: readonly T[]): T[] {
  const remaining = new Map<string, number>();
  for (const other of others) {
    const key = canonicalJson(other);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return items.filter((item) => {
    const key = canonicalJson(item);
    const count = remaining.get(key) ?? 0;
    if (count === 0) return true;
    remaining.set(key, count - 1);
    return false;
  });
}
