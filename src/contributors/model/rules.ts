import type { Actor } from '../../kernel/identity.js';
import type { ContributorCommandType } from './commands.js';

/** Lengths in characters (code points), after trimming. The HTTP DTOs use the same numbers. */
export const CONTRIBUTOR_LIMITS = {
  contributorId: 200,
  displayName: 120,
  bio: 1_000,
  publicContact: 200,
  reason: 1_000,
} as const;

/**
 * A profile nobody at the desk has classified yet counts as community: the disclaimer then
 * errs on the side of telling readers, and the desk clears it for staff.
 */
export const NEW_PROFILE_COMMUNITY = true;

/**
 * Who may issue each command, before looking at the contributor.
 * - `self_or_desk`: the writer on their own profile, or the desk (editors and admins) on any;
 * - `editor`: editors only. Verification vouches for a writer's work, which is an editorial
 *   judgement, so admins (who manage keys and people) need the editor role for it.
 * Auditors, publishing services and the system actor change nothing.
 */
export type Permission = 'self_or_desk' | 'editor';

export const PERMISSION: Readonly<Record<ContributorCommandType, Permission>> = {
  UpdateContributorProfile: 'self_or_desk',
  VerifyContributor: 'editor',
  RevokeContributorVerification: 'editor',
};

export function isEditor(actor: Actor): boolean {
  return actor.system !== true && actor.roles.includes('editor');
}

/** Editors and admins: they may edit any profile and decide who is a community contributor. */
export function isDesk(actor: Actor): boolean {
  return actor.system !== true && (actor.roles.includes('editor') || actor.roles.includes('admin'));
}

export function isWriter(actor: Actor): boolean {
  return actor.system !== true && actor.roles.includes('writer');
}

/** Writers read their own profile; editors, auditors and admins read every one. */
export function mayReadContributor(actor: Actor, contributorId: string): boolean {
  if (actor.system === true) return false;
  if (actor.roles.some((role) => role === 'editor' || role === 'auditor' || role === 'admin')) return true;
  return isWriter(actor) && actor.id === contributorId;
}
