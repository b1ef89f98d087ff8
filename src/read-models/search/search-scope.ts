import type { Actor } from '../../kernel/identity.js';

/**
 * Whose copies a search may see. There is no default: every search says which of the three it is,
 * so a writer's search cannot reach another writer's working copy by forgetting a filter.
 */
export type SearchScope =
  /** The live site and publishing services: live copies only, never a working copy. */
  | { readonly kind: 'live' }
  /** Editors, auditors and admins: every working copy. */
  | { readonly kind: 'every-working-copy' }
  /** A writer: their own working copies and nobody else's. */
  | { readonly kind: 'own-working-copies'; readonly authorId: string };

/**
 * The working copies a principal may search, as the desk lets them read: editors, auditors and admins
 * every one, a writer only their own; undefined for anyone else (a service reads only live copies).
 */
export function workingCopyScopeFor(actor: Actor): SearchScope | undefined {
  if (actor.roles.some((role) => role === 'editor' || role === 'auditor' || role === 'admin')) return { kind: 'every-working-copy' };
  if (actor.roles.includes('writer')) return { kind: 'own-working-copies', authorId: actor.id };
  return undefined;
}
