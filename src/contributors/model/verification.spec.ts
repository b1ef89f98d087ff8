import {
  by,
  contributorVerified,
  created,
  minute,
  profileUpdated,
  revoke,
  revoked,
  verificationRevoked,
  verified,
  verify,
} from './testing/contributor-events.js';
import { acting, given } from './testing/decider-spec.js';
import { admin, editor, secondEditor, writer } from './testing/sample-contributor.js';

const editorsProfile = [profileUpdated({ contributorId: editor.id, displayName: editor.displayName, ...by(editor) })];

describe('VerifyContributor', () => {
  it('lets an editor verify a community writer', () => {
    const state = given(created).when(verify, acting(editor, 10)).then([contributorVerified()]);
    expect(state).toMatchObject({ verification: { ...by(editor), at: minute(10) }, revision: 1 });
  });

  it('lets another editor verify an editor', () => {
    given(editorsProfile)
      .when(verify, acting(secondEditor, 10))
      .then([contributorVerified({ contributorId: editor.id, ...by(secondEditor) })]);
  });

  it('refuses an editor verifying their own profile (four eyes)', () => {
    const error = given(editorsProfile).when(verify, acting(editor)).thenThrows('four_eyes');
    expect(error.kind).toBe('forbidden');
  });

  it('refuses to verify a verified contributor, naming the current status', () => {
    const error = given(verified).when(verify, acting(secondEditor)).thenThrows('already_verified', { status: 'verified' });
    expect(error.kind).toBe('conflict');
  });

  it('verifies again after a revocation, keeping the last revocation on record', () => {
    const state = given(revoked)
      .when(verify, acting(secondEditor, 30))
      .then([contributorVerified({ ...by(secondEditor), at: minute(30) })]);
    expect(state).toMatchObject({ verification: { by: secondEditor.id }, lastRevocation: { by: editor.id } });
  });

  it('refuses a contributor without a profile', () => {
    given([]).when(verify, acting(editor)).thenThrows('not_found');
  });

  it.each([
    ['a writer', writer],
    ['an admin without the editor role', admin],
  ])('is not for %s', (_who, actor) => {
    given(created).when(verify, acting(actor)).thenThrows('forbidden');
  });

  it('checks the role before anything else', () => {
    given([]).when(verify, acting(writer)).thenThrows('forbidden');
  });
});

describe('RevokeContributorVerification', () => {
  it('takes the badge away with the reason on record', () => {
    const state = given(verified)
      .when(revoke('  Dua tulisan terakhir memuat kutipan yang tidak dapat dikonfirmasi. '), acting(editor, 20))
      .then([verificationRevoked()]);
    expect(state).toMatchObject({
      verification: null,
      lastRevocation: { reason: 'Dua tulisan terakhir memuat kutipan yang tidak dapat dikonfirmasi.', ...by(editor), at: minute(20) },
    });
  });

  it('refuses when the contributor is not verified, naming the current status', () => {
    given(created).when(revoke(), acting(editor)).thenThrows('not_verified', { status: 'unverified' });
    const error = given(revoked).when(revoke(), acting(editor)).thenThrows('not_verified', { status: 'unverified' });
    expect(error.kind).toBe('conflict');
  });

  it('lets an editor revoke their own verification: removing trust needs no second pair of eyes', () => {
    given([...editorsProfile, contributorVerified({ contributorId: editor.id, ...by(secondEditor) })])
      .when(revoke('Pindah ke desk lain.'), acting(editor, 20))
      .then([verificationRevoked({ contributorId: editor.id, reason: 'Pindah ke desk lain.' })]);
  });

  it.each([
    ['a blank reason', '  ', /reason: Say why/],
    ['a reason over 1000 characters', 'r'.repeat(1_001), /reason: At most 1000/],
  ])('refuses %s', (_case, reason, message) => {
    given(verified).when(revoke(reason), acting(editor)).thenThrows('invalid', { message });
  });

  it('refuses a contributor without a profile', () => {
    given([]).when(revoke(), acting(editor)).thenThrows('not_found');
  });

  it.each([
    ['the verified writer', writer],
    ['an admin without the editor role', admin],
  ])('is not for %s', (_who, actor) => {
    given(verified).when(revoke(), acting(actor)).thenThrows('forbidden');
  });
});
