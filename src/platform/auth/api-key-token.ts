import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 32 random bytes, base64url (43 characters, header-safe as RFC 6750 asks). */
export function newApiToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 of a token, hex: what the keys file stores instead of the token. Tokens are 32
 * random bytes, so nobody can search for one from its hash; a slow password hash would add
 * nothing but time to every request.
 */
export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A short, public name for a key: the first 12 hex digits of its SHA-256. An operator holding a
 * token finds its entry with `printf %s "$TOKEN" | sha256sum | cut -c1-12`.
 */
export function keyFingerprint(sha256Hex: string): string {
  return sha256Hex.slice(0, 12);
}
