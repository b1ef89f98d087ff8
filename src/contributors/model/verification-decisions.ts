import { type Data, type DecideContext, stamp } from './context.js';
import { ContributorRuleViolation } from './errors.js';
import type { ContributorEvent } from './events.js';
import { invalidAll } from './guards.js';
import { characters } from './profile-rules.js';
import { CONTRIBUTOR_LIMITS } from './rules.js';
import type { ContributorState } from './state.js';

/** The desk vouches for a writer. Four eyes: nobody vouches for themself. */
export function verify(state: ContributorState, ctx: DecideContext): ContributorEvent[] {
  if (ctx.actor.id === state.id) {
    throw new ContributorRuleViolation('four_eyes', 'An editor cannot verify their own contributor profile');
  }
  if (state.verification !== null) {
    throw new ContributorRuleViolation(
      'already_verified',
      `Contributor ${state.id} is already verified (status verified, by ${state.verification.byName} at ${state.verification.at})`,
      { status: 'verified' },
    );
  }
  return [{ type: 'ContributorVerified', data: { contributorId: state.id, ...stamp(ctx) } }];
}

/**
 * Takes the badge away, with the reason on record. Removing trust needs no second pair of
 * eyes, so an editor may also revoke their own verification.
 */
export function revokeVerification(
  state: ContributorState,
  data: Data<'RevokeContributorVerification'>,
  ctx: DecideContext,
): ContributorEvent[] {
  if (state.verification === null) {
    throw new ContributorRuleViolation('not_verified', `Contributor ${state.id} is not verified (status unverified)`, {
      status: 'unverified',
    });
  }
  const reason = data.reason.trim();
  if (reason === '') throw invalidAll([{ path: 'reason', message: 'Say why the verification is revoked' }]);
  if (characters(reason) > CONTRIBUTOR_LIMITS.reason) {
    throw invalidAll([{ path: 'reason', message: `At most ${CONTRIBUTOR_LIMITS.reason} characters` }]);
  }
  return [{ type: 'ContributorVerificationRevoked', data: { contributorId: state.id, reason, ...stamp(ctx) } }];
}
