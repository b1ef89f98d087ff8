import type { Actor, Role } from '../../kernel/identity.js';
import { workingCopyScopeFor } from './search-scope.js';

const actor = (...roles: Role[]): Actor => ({ id: 'p-1', displayName: 'P', roles });

describe('workingCopyScopeFor', () => {
  test.each([['editor'], ['auditor'], ['admin']] as const)('%s: every working copy', (role) => {
    expect(workingCopyScopeFor(actor(role))).toEqual({ kind: 'every-working-copy' });
  });

  test('a writer: their own working copies only', () => {
    expect(workingCopyScopeFor(actor('writer'))).toEqual({ kind: 'own-working-copies', authorId: 'p-1' });
  });

  test('a writer who is also an editor sees what an editor sees', () => {
    expect(workingCopyScopeFor(actor('writer', 'editor'))).toEqual({ kind: 'every-working-copy' });
  });

  test('a service reads no working copy', () => {
    expect(workingCopyScopeFor(actor('service'))).toBeUndefined();
  });
});
