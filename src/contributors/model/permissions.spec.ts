import type { Actor } from '../../kernel/identity.js';
import type { ContributorCommandType } from './commands.js';
import { mayReadContributor } from './rules.js';
import { created, revoke, updateProfile, verified, verify } from './testing/contributor-events.js';
import { acting, given } from './testing/decider-spec.js';
import { admin, auditor, editor, otherWriter, publishingService, secondEditor, systemActor, writer } from './testing/sample-contributor.js';

/** Who may issue what, written out here rather than read from the code under test. */
const commands = {
  UpdateContributorProfile: { history: created, command: updateProfile() },
  VerifyContributor: { history: created, command: verify },
  RevokeContributorVerification: { history: verified, command: revoke() },
} as const;

const readOnly: readonly (readonly [string, Actor])[] = [
  ['an auditor', auditor],
  ['a publishing service', publishingService],
  ['the system actor', systemActor],
  ['a principal without roles', { id: 'nobody', displayName: 'Nobody', roles: [] }],
];

describe('who changes nothing', () => {
  const rows = readOnly.flatMap(([who, actor]) =>
    Object.keys(commands).map((type) => [who, type as ContributorCommandType, actor] as const),
  );

  it.each(rows)('%s may not %s', (_who, type, actor) => {
    const { history, command } = commands[type];
    given(history).when(command, acting(actor)).thenThrows('forbidden');
  });

  it('not even on a profile with their own id', () => {
    given([]).when(updateProfile({}, auditor.id), acting(auditor)).thenThrows('forbidden');
  });
});

describe('who reads a profile', () => {
  it.each([
    ['the writer, their own', writer, writer.id, true],
    ['a writer, someone else’s', otherWriter, writer.id, false],
    ['an editor, any', editor, writer.id, true],
    ['an editor, their own', secondEditor, secondEditor.id, true],
    ['an auditor, any', auditor, writer.id, true],
    ['an admin, any', admin, writer.id, true],
    ['a publishing service', publishingService, writer.id, false],
    ['the system actor', systemActor, writer.id, false],
  ])('%s: %s', (_who, actor, contributorId, allowed) => {
    expect(mayReadContributor(actor, contributorId)).toBe(allowed);
  });
});
