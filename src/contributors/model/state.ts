/** Whether the byline carries the "Verified Writer" badge. */
export type VerificationStatus = 'verified' | 'unverified';

export interface ContributorVerification {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export interface VerificationRevocation {
  readonly reason: string;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

/** The contributor folded from its stream. Plain JSON: the API returns it as it is. */
export interface ContributorState {
  /** The writer's principal id (an article's `authorId`). */
  readonly id: string;
  readonly displayName: string;
  readonly bio: string;
  readonly publicContact: string | null;
  /** Community contributors' articles carry the community-content disclaimer. */
  readonly community: boolean;
  /** The desk's current verification; null when never verified or revoked since. */
  readonly verification: ContributorVerification | null;
  /** Kept after a re-verification too: the desk should see why a badge was once removed. */
  readonly lastRevocation: VerificationRevocation | null;
  /** Stream revision of the last event applied (events − 1); the ETag. */
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function verificationStatus(state: ContributorState): VerificationStatus {
  return state.verification === null ? 'unverified' : 'verified';
}
