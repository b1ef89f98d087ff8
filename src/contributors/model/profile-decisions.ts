import type { Actor } from '../../kernel/identity.js';
import { type Data, type DecideContext, stamp } from './context.js';
import { ContributorRuleViolation } from './errors.js';
import type { ContributorEvent } from './events.js';
import { invalidAll, requireSelfOrDesk } from './guards.js';
import { contributorIdIssues, normalizeProfile, profileIssues } from './profile-rules.js';
import { isDesk, NEW_PROFILE_COMMUNITY } from './rules.js';
import type { ContributorState } from './state.js';

/** Creates the profile or replaces its writer-owned fields; the community flag belongs to the desk. */
export function updateProfile(
  state: ContributorState | null,
  data: Data<'UpdateContributorProfile'>,
  ctx: DecideContext,
): ContributorEvent[] {
  const { contributorId } = data;
  requireSelfOrDesk(contributorId, ctx.actor);
  if (state !== null && state.id !== contributorId) {
    throw new Error(`Profile of ${contributorId} decided on the stream of ${state.id}`);
  }
  const community = communityAfter(state, data.community, ctx.actor);
  const profile = normalizeProfile(data);
  const issues = [...(state === null ? contributorIdIssues(contributorId) : []), ...profileIssues(profile)];
  if (issues.length > 0) throw invalidAll(issues);

  const unchanged =
    state !== null &&
    state.displayName === profile.displayName &&
    state.bio === profile.bio &&
    state.publicContact === profile.publicContact &&
    state.community === community;
  if (unchanged) return [];
  return [{ type: 'ContributorProfileUpdated', data: { contributorId, ...profile, community, ...stamp(ctx) } }];
}

/**
 * Whether the writer is a community contributor is the desk's call (it puts a disclaimer on
 * their articles). A writer may send the flag back as it is, so a client can save the profile
 * it read, but never change it; leaving it out keeps it.
 */
function communityAfter(state: ContributorState | null, requested: boolean | undefined, actor: Actor): boolean {
  const current = state?.community ?? NEW_PROFILE_COMMUNITY;
  if (requested === undefined || requested === current) return current;
  if (!isDesk(actor)) {
    throw new ContributorRuleViolation(
      'community_set_by_desk',
      `Only the desk decides whether a contributor is a community contributor; this profile is ${current ? 'community' : 'staff'}`,
    );
  }
  return requested;
}
