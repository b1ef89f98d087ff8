import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../kernel/identity.js';
import { tokenSha256 } from './api-key-token.js';
import { type ApiKeyEntry, entrySha256 } from './api-keys.js';

interface StoredKey {
  readonly digest: Buffer;
  readonly actor: Actor;
}

/**
 * Bearer token -> Actor.
 *
 * Comparing the presented token with `===` or a Map lookup returns sooner the earlier
 * the strings differ, which lets a client guess a token byte by byte from response
 * times. So: both sides are SHA-256 digests (fixed length, which timingSafeEqual needs,
 * and the token's own length stays hidden), compared with timingSafeEqual against every
 * entry, with no early exit, so the time taken depends on neither the token nor which
 * entry (if any) matched. The digests are also what the keys file may hold instead of
 * the tokens.
 */
export class ApiKeyStore {
  private entries: readonly StoredKey[];

  /** Entries are expected to come through parseApiKeys (validated, no duplicates). */
  constructor(keys: readonly ApiKeyEntry[]) {
    this.entries = stored(keys);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Swaps in a new set of keys (the keys file changed). One assignment: a request is
   * checked against the old set or the new one, never a mix.
   */
  replace(keys: readonly ApiKeyEntry[]): void {
    this.entries = stored(keys);
  }

  authenticate(token: string): Actor | undefined {
    const presented = Buffer.from(tokenSha256(token), 'hex');
    let match: Actor | undefined;
    for (const entry of this.entries) {
      const equal = timingSafeEqual(presented, entry.digest);
      match = equal ? entry.actor : match;
    }
    return match;
  }
}

function stored(keys: readonly ApiKeyEntry[]): StoredKey[] {
  return keys.map((key) => ({
    digest: Buffer.from(entrySha256(key), 'hex'),
    actor: Object.freeze({ id: key.principalId, displayName: key.displayName, roles: Object.freeze([...key.roles]) }),
  }));
}
