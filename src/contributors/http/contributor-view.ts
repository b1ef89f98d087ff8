import { type ContributorState, type VerificationStatus, verificationStatus } from '../model/state.js';

/**
 * What the API answers about a contributor: the state rebuilt from its stream (`revision` is
 * also the ETag), plus the badge status spelled out so clients need not infer it.
 */
export type ContributorView = ContributorState & { readonly verificationStatus: VerificationStatus };

export function toContributorView(state: ContributorState): ContributorView {
  return { ...state, verificationStatus: verificationStatus(state) };
}
