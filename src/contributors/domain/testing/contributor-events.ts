import type { Actor } from '../../../articles/domain/actor.js';
import type { ContributorCommand } from '../commands.js';
import type {
  ContributorEvent,
  ContributorProfileUpdated,
  ContributorVerificationRevoked,
  ContributorVerified,
} from '../events.js';
import type { Profile } from '../profile-rules.js';
import { editor, sampleProfile, writer } from './sample-contributor.js';

/**
 * Event and command builders for decider specs, defaulting to the sample writer's story:
 * minute 0 the writer creates the profile, 10 an editor verifies it, 20 it is revoked.
 */
const T0 = Date.parse('2025-01-20T01:00:00.000Z');

export function minute(n: number): string {
  return new Date(T0 + n * 60_000).toISOString();
}

export function clockAt(n: number): Date {
  return new Date(T0 + n * 60_000);
}

export function by(actor: Actor): { by: string; byName: string } {
  return { by: actor.id, byName: actor.displayName };
}

export function profileUpdated(data: Partial<ContributorProfileUpdated['data']> = {}): ContributorProfileUpdated {
  return {
    type: 'ContributorProfileUpdated',
    data: { contributorId: writer.id, ...sampleProfile, community: true, ...by(writer), at: minute(0), ...data },
  };
}

export function contributorVerified(data: Partial<ContributorVerified['data']> = {}): ContributorVerified {
  return { type: 'ContributorVerified', data: { contributorId: writer.id, ...by(editor), at: minute(10), ...data } };
}

export function verificationRevoked(
  data: Partial<ContributorVerificationRevoked['data']> = {},
): ContributorVerificationRevoked {
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
