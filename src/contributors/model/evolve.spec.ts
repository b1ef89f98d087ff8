import { fold } from './evolve.js';
import { by, contributorVerified, minute, profileUpdated, revoked, verificationRevoked } from './testing/contributor-events.js';
import { revisedProfile, secondEditor, writer } from './testing/sample-contributor.js';

describe('fold', () => {
  it('is null for an empty stream', () => {
    expect(fold([])).toBeNull();
  });

  it('rebuilds a contributor through verification, revocation, re-verification and an edit', () => {
    const state = fold([
      ...revoked,
      contributorVerified({ ...by(secondEditor), at: minute(30) }),
      profileUpdated({ ...revisedProfile, community: false, ...by(secondEditor), at: minute(40) }),
    ]);
    expect(state).toEqual({
      id: writer.id,
      ...revisedProfile,
      community: false,
      verification: { ...by(secondEditor), at: minute(30) },
      lastRevocation: { reason: verificationRevoked().data.reason, by: 'editor-ayu', byName: 'Ayu Lestari', at: minute(20) },
      revision: 4,
      createdAt: minute(0),
      updatedAt: minute(40),
    });
  });

  it.each([contributorVerified(), verificationRevoked()])('refuses $type before the first profile', (event) => {
    expect(() => fold([event])).toThrow(/before ContributorProfileUpdated/);
  });
});
