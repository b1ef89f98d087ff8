import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../kernel/identity.js';
import type { ApiKeyEntry } from './api-keys.js';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * Bearer token -> Actor.
 *
 * Comparing the presented token with `===` or a Map lookup returns sooner the earlier
 * the strings differ, which lets a client guess a token byte by byte from response
 * times. So: both sides are SHA-256 digests (fixed length, which timingSafeEqual needs,
 * and the token's own length stays hidden), compared with timingSafeEqual against every
 * entry, with no early exit, so the time taken depends on neither the token nor which
 * entry (if any) matched.
 */
export class ApiKeyStore {
  private readonly entries: readonly { readonly digest: Buffer; readonly actor: Actor }[];

  /** Entries are expected to come through parseApiKeys (validated, no duplicates). */
  constructor(keys: readonly ApiKeyEntry[]) {
    this.entries = keys.map((key) => ({
      digest: digest(key.token),
      actor: Object.freeze({ id: key.principalId, displayName: key.displayName, roles: Object.freeze([...key.roles]) }),
    }));
  }

  get size(): number {
    return this.entries.length;
  }

  authenticate(token: string): Actor | undefined {
    const presented = digest(token);
    let match: Actor | undefined;
    for (const entry of this.entries) {
      const equal = timingSafeEqual(presented, entry.digest);
      match = equal ? entry.actor : match;
    }
    return match;
  }
}
