import { by, created, minute, profileUpdated, updateProfile, verified } from './testing/contributor-events.js';
import { acting, given } from './testing/decider-spec.js';
import { admin, editor, otherWriter, revisedProfile, sampleProfile, secondEditor, writer } from './testing/sample-contributor.js';

describe('UpdateContributorProfile: creating', () => {
  it('lets a writer create their own profile, which starts as community until the desk says otherwise', () => {
    const state = given([]).when(updateProfile(), acting(writer, 0)).then([profileUpdated()]);
    expect(state).toEqual({
      id: writer.id,
      ...sampleProfile,
      community: true,
      verification: null,
      lastRevocation: null,
      revision: 0,
      createdAt: minute(0),
      updatedAt: minute(0),
    });
  });

  it('accepts a writer sending the default community flag back', () => {
    given([])
      .when(updateProfile({ community: true }), acting(writer, 0))
      .then([profileUpdated()]);
  });

  it('refuses a writer declaring themself staff', () => {
    given([])
      .when(updateProfile({ community: false }), acting(writer))
      .thenThrows('community_set_by_desk');
  });

  it('lets an editor create a staff writer’s profile', () => {
    given([])
      .when(updateProfile({ community: false }, otherWriter.id), acting(editor, 5))
      .then([profileUpdated({ contributorId: otherWriter.id, community: false, ...by(editor), at: minute(5) })]);
  });

  it('lets an admin create a profile', () => {
    given([])
      .when(updateProfile({}, otherWriter.id), acting(admin, 5))
      .then([profileUpdated({ contributorId: otherWriter.id, ...by(admin), at: minute(5) })]);
  });

  it('refuses a writer creating a profile for someone else', () => {
    given([]).when(updateProfile({}, otherWriter.id), acting(writer)).thenThrows('not_owner');
  });

  it.each([
    ['blank', '   ', /contributorId: Required/],
    ['padded', ' writer-dimas', /contributorId: No leading or trailing spaces/],
    ['too long', 'w'.repeat(201), /contributorId: At most 200/],
    ['multi-line', 'writer\ndimas', /contributorId: Must be one line/],
  ])('refuses a %s contributor id', (_case, contributorId, message) => {
    given([]).when(updateProfile({}, contributorId), acting(editor)).thenThrows('invalid', { message });
  });
});

describe('UpdateContributorProfile: editing', () => {
  it('lets a writer edit their own profile', () => {
    const state = given(created)
      .when(updateProfile(revisedProfile), acting(writer, 30))
      .then([profileUpdated({ ...revisedProfile, at: minute(30) })]);
    expect(state).toMatchObject({ ...revisedProfile, revision: 1, createdAt: minute(0), updatedAt: minute(30) });
  });

  it('keeps the desk’s community flag when a writer leaves it out', () => {
    given([profileUpdated({ community: false, ...by(editor) })])
      .when(updateProfile(revisedProfile), acting(writer, 30))
      .then([profileUpdated({ ...revisedProfile, community: false, at: minute(30) })]);
  });

  it('refuses a writer changing their community flag, either way', () => {
    given(created)
      .when(updateProfile({ community: false }), acting(writer))
      .thenThrows('community_set_by_desk');
    given([profileUpdated({ community: false, ...by(editor) })])
      .when(updateProfile({ community: true }), acting(writer))
      .thenThrows('community_set_by_desk', { message: /this profile is staff/ });
  });

  it('refuses a writer editing another writer’s profile, before looking at the data', () => {
    given([profileUpdated({ contributorId: otherWriter.id, ...by(otherWriter) })])
      .when(updateProfile({ displayName: '' }, otherWriter.id), acting(writer))
      .thenThrows('not_owner');
  });

  it('lets an editor edit any profile and set the community flag', () => {
    const state = given(created)
      .when(updateProfile({ community: false }), acting(editor, 30))
      .then([profileUpdated({ community: false, ...by(editor), at: minute(30) })]);
    expect(state?.community).toBe(false);
  });

  it('lets an admin edit any profile and set the community flag', () => {
    given([profileUpdated({ community: false })])
      .when(updateProfile({ community: true }), acting(admin, 30))
      .then([profileUpdated({ community: true, ...by(admin), at: minute(30) })]);
  });

  it('lets an editor edit their own profile', () => {
    given([profileUpdated({ contributorId: editor.id, displayName: editor.displayName, ...by(editor) })])
      .when(updateProfile({ displayName: editor.displayName, bio: 'Redaktur pelaksana.' }, editor.id), acting(editor, 30))
      .then([
        profileUpdated({
          contributorId: editor.id,
          displayName: editor.displayName,
          bio: 'Redaktur pelaksana.',
          ...by(editor),
          at: minute(30),
        }),
      ]);
  });

  it('keeps the verification through a profile edit', () => {
    const state = given(verified)
      .when(updateProfile(revisedProfile), acting(writer, 30))
      .then([profileUpdated({ ...revisedProfile, at: minute(30) })]);
    expect(state?.verification).toEqual({ ...by(editor), at: minute(10) });
  });

  it('records nothing when the profile is saved as it was, whitespace aside', () => {
    given(created).when(updateProfile(), acting(writer)).thenNothingHappens();
    given(created)
      .when(updateProfile({ displayName: `  ${sampleProfile.displayName} `, bio: `${sampleProfile.bio}\n` }), acting(secondEditor))
      .thenNothingHappens();
  });
});

describe('UpdateContributorProfile: the profile’s text', () => {
  it('trims, writes line endings as \\n and takes a blank contact as none', () => {
    given([])
      .when(updateProfile({ displayName: ' Dimas Prasetyo ', bio: ' Baris satu.\r\nBaris dua. ', publicContact: '   ' }), acting(writer, 0))
      .then([profileUpdated({ bio: 'Baris satu.\nBaris dua.', publicContact: null })]);
  });

  it('hides the public contact when it is set to null', () => {
    const state = given(created)
      .when(updateProfile({ publicContact: null }), acting(writer, 30))
      .then([profileUpdated({ publicContact: null, at: minute(30) })]);
    expect(state?.publicContact).toBeNull();
  });

  it('accepts an empty bio and limits counted in characters, not UTF-16 units', () => {
    given([])
      .when(updateProfile({ displayName: '📰'.repeat(120), bio: '' }), acting(writer, 0))
      .then([profileUpdated({ displayName: '📰'.repeat(120), bio: '' })]);
  });

  it('names every failing field at once', () => {
    const error = given(created)
      .when(updateProfile({ displayName: ' ', bio: 'b'.repeat(1_001), publicContact: `@${'x'.repeat(200)}` }), acting(writer))
      .thenThrows('invalid');
    expect(error.issues.map((issue) => issue.path)).toEqual(['displayName', 'bio', 'publicContact']);
  });

  it.each([
    ['a display name over 120 characters', { displayName: 'd'.repeat(121) }, 'displayName'],
    ['a display name on two lines', { displayName: 'Dimas\nPrasetyo' }, 'displayName'],
    ['a control character in the bio', { bio: 'Penulis\u0007 komunitas' }, 'bio'],
    ['a public contact on two lines', { publicContact: '@dimas\n@sari' }, 'publicContact'],
  ])('refuses %s', (_case, profile, path) => {
    const error = given(created).when(updateProfile(profile), acting(writer)).thenThrows('invalid');
    expect(error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
