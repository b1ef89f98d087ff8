import { by, clockAt, minute } from '../../../kernel/testing/story-clock.js';
import type { ContributorCommand } from '../commands.js';
import type { ContributorEvent, ContributorProfileUpdated, ContributorVerificationRevoked, ContributorVerified } from '../events.js';
import type { Profile } from '../profile-rules.js';
import { editor, sampleProfile, writer } from './sample-contributor.js';

/**
 * Event and command builders for decider specs, defaulting to the sample writer's story:
 * minute 0 the writer creates the profile, 10 an editor verifies it, 20 it is revoked.
 */
export { by, clockAt, minute };

export function profileUpdated(data: Partial<ContributorProfileUpdated['data']> = {}): ContributorProfileUpdated {
  return {
    type: 'ContributorProfileUpdated',
    data: { contributorId: writer.id, ...sampleProfile, community: true, ...by(writer), at: minute(0), ...data },
  };
}

export function contributorVerified(data: Partial<ContributorVerified['data']> = {}): ContributorVerified {
  return { type: 'ContributorVerified', data: { contributorId: writer.id, ...by(editor), at: minute(10), ...data } };
}

export function verificationRevoked(data: Partial<ContributorVerificationRevoked['data']> = {}): ContributorVerificationRevoked {
  return {
    type: 'ContributorVerificationRevoked',
    data: {
      contributorId: writer.id,
      reason: 'Dua tulisan terakhir memuat kutipan yang tidak dapat dikonfirmasi.',
      ...by(editor),
      at: minute(20),
      ...data,
    },
  };
}

export const created: readonly ContributorEvent[] = [profileUpdated()];
export const verified: readonly ContributorEvent[] = [profileUpdated(), contributorVerified()];
export const revoked: readonly ContributorEvent[] = [...verified, verificationRevoked()];

export function updateProfile(
  profile: Partial<Profile> & { community?: boolean } = {},
  contributorId = writer.id,
): Extract<ContributorCommand, { type: 'UpdateContributorProfile' }> {
  return { type: 'UpdateContributorProfile', data: { contributorId, ...sampleProfile, ...profile } };
}

export const verify: ContributorCommand = { type: 'VerifyContributor', data: {} };

export function revoke(reason = 'Dua tulisan terakhir memuat kutipan yang tidak dapat dikonfirmasi.'): ContributorCommand {
  return { type: 'RevokeContributorVerification', data: { reason } };
}
