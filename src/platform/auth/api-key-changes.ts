import type { Role } from '../../kernel/identity.js';
import { tokenSha256 } from './api-key-token.js';
import type { ApiKeyEntry } from './api-keys.js';

/** A change the keys cannot take (an existing principal added again, an unknown one revoked). */
export class ApiKeyChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyChangeError';
  }
}

export interface NewPrincipal {
  readonly principalId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

/**
 * What the file keeps of a key: who it is for and the token's SHA-256, never the token, which
 * is shown once to whoever made it.
 */
function entryFor(principal: NewPrincipal, token: string, now: Date): ApiKeyEntry {
  return {
    principalId: principal.principalId,
    displayName: principal.displayName,
    roles: [...principal.roles],
    createdAt: now.toISOString(),
    tokenSha256: tokenSha256(token),
  };
}

/** One principal has one key, so rotate and revoke know which one is meant. */
export function withKeyAdded(keys: readonly ApiKeyEntry[], principal: NewPrincipal, token: string, now: Date): ApiKeyEntry[] {
  if (keys.some((key) => key.principalId === principal.principalId)) {
    throw new ApiKeyChangeError(`${principal.principalId} already has a key; rotate it to get a new token, or revoke it first`);
  }
  return [...keys, entryFor(principal, token, now)];
}

/** The principal keeps its name, roles and place in the file; only the token (and its date) changes. */
export function withKeyRotated(keys: readonly ApiKeyEntry[], principalId: string, token: string, now: Date): ApiKeyEntry[] {
  const index = onlyKeyOf(keys, principalId);
  const old = keys[index]!;
  return keys.map((key, i) => (i === index ? entryFor(old, token, now) : key));
}

/** Every key of the principal goes: after a revoke, nothing of theirs authenticates. */
export function withKeyRevoked(keys: readonly ApiKeyEntry[], principalId: string): ApiKeyEntry[] {
  const kept = keys.filter((key) => key.principalId !== principalId);
  if (kept.length === keys.length) throw new ApiKeyChangeError(`No key for ${principalId}; \`list\` shows the principals that have one`);
  return kept;
}

function onlyKeyOf(keys: readonly ApiKeyEntry[], principalId: string): number {
  const indexes = keys.flatMap((key, index) => (key.principalId === principalId ? [index] : []));
  if (indexes.length === 0) throw new ApiKeyChangeError(`No key for ${principalId}; \`list\` shows the principals that have one`);
  if (indexes.length > 1) {
    throw new ApiKeyChangeError(
      `${principalId} has ${indexes.length} keys in the file, so which to rotate is unclear; revoke them and add one`,
    );
  }
  return indexes[0]!;
}
