import { ApiKeyStore } from './api-key-store.js';
import { tokenSha256 } from './api-key-token.js';
import { ApiKeysError, parseApiKeys } from './api-keys.js';

const token = (c: string) => c.repeat(43);
const entry = (overrides: Record<string, unknown> = {}) => ({
  token: token('a'),
  principalId: 'u-1',
  displayName: 'Dewi',
  roles: ['writer'],
  ...overrides,
});

function errorOf(json: unknown): string {
  try {
    parseApiKeys(json, 'keys.json');
  } catch (error) {
    if (error instanceof ApiKeysError) return error.message;
    throw error;
  }
  throw new Error('expected an ApiKeysError');
}

describe('parseApiKeys', () => {
  it('accepts well-formed entries', () => {
    expect(parseApiKeys([entry(), entry({ token: token('b'), principalId: 'e-1', roles: ['editor', 'admin'] })], 'keys.json')).toHaveLength(
      2,
    );
  });

  it('rejects anything but an array', () => {
    expect(errorOf({ token: token('a') })).toContain('keys.json: must be a JSON array');
  });

  it.each([
    [{ roles: ['boss'] }, 'entry 1, field "roles[0]": must be one of writer, editor, auditor, service, admin'],
    [{ roles: [] }, 'entry 1, field "roles": must list at least one role'],
    [{ roles: ['editor', 'editor'] }, 'entry 1, field "roles": must not repeat a role'],
    [{ token: 'changeme' }, 'entry 1, field "token": must be at least 32 characters'],
    [{ token: `${token('c')} x` }, 'entry 1, field "token": may hold only'],
    [{ principalId: '  ' }, 'entry 1, field "principalId": must not be empty'],
    [{ displayName: 42 }, 'entry 1, field "displayName": Invalid input: expected string'],
    [{ password: 'x' }, 'entry 1: unknown field(s) "password"'],
  ])('names the entry and field of %j', (bad, message) => {
    expect(errorOf([entry({ token: token('z') }), entry(bad)])).toContain(`keys.json: ${message}`);
  });

  it('accepts a key kept only as the SHA-256 of its token, with the time it was made', () => {
    const hashed = {
      tokenSha256: tokenSha256(token('h')),
      principalId: 'e-2',
      displayName: 'Bagus',
      roles: ['editor'],
      createdAt: '2025-01-21T03:12:40.512Z',
    };
    expect(parseApiKeys([entry(), hashed], 'keys.json')).toEqual([entry(), hashed]);
  });

  it.each([
    [{ tokenSha256: tokenSha256(token('h')) }, 'entry 1: needs exactly one of "token" and "tokenSha256"'],
    [{ token: undefined, tokenSha256: 'ABC' }, 'entry 1, field "tokenSha256": must be the token\'s SHA-256 as 64 lower-case hex digits'],
    [
      { token: undefined, tokenSha256: tokenSha256(token('h')).toUpperCase() },
      'entry 1, field "tokenSha256": must be the token\'s SHA-256',
    ],
    [{ createdAt: 'kemarin' }, 'entry 1, field "createdAt": must be an ISO 8601 date and time'],
  ])('refuses %j', (bad, message) => {
    expect(errorOf([entry({ token: token('z') }), entry(bad)])).toContain(`keys.json: ${message}`);
  });

  it('refuses an entry with neither token nor hash', () => {
    const { token: _token, ...withoutToken } = entry();
    expect(errorOf([withoutToken])).toContain('keys.json: entry 0: needs exactly one of "token" and "tokenSha256"');
  });

  it('refuses the same token kept in clear in one entry and hashed in another', () => {
    const message = errorOf([entry(), { ...entry({ principalId: 'u-2', token: undefined }), tokenSha256: tokenSha256(token('a')) }]);
    expect(message).toContain('keys.json: entries 0 and 1 have the same token');
  });

  it('reports a missing field', () => {
    const { roles: _roles, ...withoutRoles } = entry();
    expect(errorOf([withoutRoles])).toContain('entry 0, field "roles"');
  });

  it('rejects duplicate tokens without quoting them', () => {
    const message = errorOf([entry(), entry({ principalId: 'u-2', token: token('b') }), entry({ principalId: 'u-3' })]);
    expect(message).toContain('keys.json: entries 0 and 2 have the same token');
    expect(message).not.toContain(token('a'));
  });

  it('never quotes a token in an error', () => {
    const secret = `${'s'.repeat(40)}!`;
    expect(errorOf([entry({ token: secret })])).not.toContain(secret);
  });
});

describe('ApiKeyStore', () => {
  const store = new ApiKeyStore(
    parseApiKeys(
      [
        entry(),
        entry({ token: token('b'), principalId: 'e-1', displayName: 'Rina', roles: ['editor', 'auditor'] }),
        entry({ token: token('c'), principalId: 's-1', roles: ['service'] }),
      ],
      'keys.json',
    ),
  );

  it('finds the actor of a token, wherever it is in the list', () => {
    expect(store.authenticate(token('a'))).toEqual({ id: 'u-1', displayName: 'Dewi', roles: ['writer'] });
    expect(store.authenticate(token('b'))).toEqual({ id: 'e-1', displayName: 'Rina', roles: ['editor', 'auditor'] });
    expect(store.authenticate(token('c'))?.id).toBe('s-1');
    expect(store.size).toBe(3);
  });

  it('knows no other token, including prefixes and extensions of real ones', () => {
    expect(store.authenticate('')).toBeUndefined();
    expect(store.authenticate(token('a').slice(1))).toBeUndefined();
    expect(store.authenticate(`${token('a')}a`)).toBeUndefined();
    expect(store.authenticate(token('d'))).toBeUndefined();
  });

  it('authenticates a key the file keeps only as a hash', () => {
    const hashed = new ApiKeyStore([{ tokenSha256: tokenSha256(token('h')), principalId: 'e-2', displayName: 'Bagus', roles: ['editor'] }]);
    expect(hashed.authenticate(token('h'))).toEqual({ id: 'e-2', displayName: 'Bagus', roles: ['editor'] });
    expect(hashed.authenticate(tokenSha256(token('h')))).toBeUndefined();
  });

  it('swaps in a new set of keys at once', () => {
    const swapping = new ApiKeyStore(parseApiKeys([entry()], 'keys.json'));
    swapping.replace(parseApiKeys([entry({ token: token('n'), principalId: 'u-9' })], 'keys.json'));
    expect(swapping.authenticate(token('a'))).toBeUndefined();
    expect(swapping.authenticate(token('n'))?.id).toBe('u-9');
    expect(swapping.size).toBe(1);
  });

  it('hands out actors nobody can change', () => {
    const actor = store.authenticate(token('b'))!;
    expect(Object.isFrozen(actor)).toBe(true);
    expect(Object.isFrozen(actor.roles)).toBe(true);
  });
});
