import { ApiKeyChangeError, withKeyAdded, withKeyRevoked, withKeyRotated } from './api-key-changes.js';
import { tokenSha256 } from './api-key-token.js';
import type { ApiKeyEntry } from './api-keys.js';

const now = new Date('2025-01-21T03:12:40.512Z');
const later = new Date('2025-02-01T00:00:00.000Z');
const token = (c: string) => c.repeat(43);
const writer: ApiKeyEntry = { token: token('w'), principalId: 'writer-dimas', displayName: 'Dimas Prasetyo', roles: ['writer'] };
const editor: ApiKeyEntry = { token: token('e'), principalId: 'editor-ayu', displayName: 'Ayu Lestari', roles: ['editor'] };
const bagus = { principalId: 'editor-bagus', displayName: 'Bagus Santoso', roles: ['editor'] } as const;

describe('changes to the API keys', () => {
  test('add keeps the new token only as its SHA-256, with the time, after the existing keys', () => {
    expect(withKeyAdded([writer, editor], bagus, token('b'), now)).toEqual([
      writer,
      editor,
      { ...bagus, roles: ['editor'], createdAt: '2025-01-21T03:12:40.512Z', tokenSha256: tokenSha256(token('b')) },
    ]);
    expect(JSON.stringify(withKeyAdded([], bagus, token('b'), now))).not.toContain(token('b'));
  });

  test('add refuses a principal that has a key', () => {
    expect(() => withKeyAdded([writer, editor], { ...bagus, principalId: 'editor-ayu' }, token('b'), now)).toThrow(
      new ApiKeyChangeError('editor-ayu already has a key; rotate it to get a new token, or revoke it first'),
    );
  });

  test('rotate replaces the token in place, keeping name and roles, and drops a token kept in clear', () => {
    const rotated = withKeyRotated([writer, editor], 'writer-dimas', token('n'), later);
    expect(rotated).toEqual([
      {
        principalId: 'writer-dimas',
        displayName: 'Dimas Prasetyo',
        roles: ['writer'],
        createdAt: later.toISOString(),
        tokenSha256: tokenSha256(token('n')),
      },
      editor,
    ]);
    expect(rotated[0]).not.toHaveProperty('token');
  });

  test('rotate refuses an unknown principal and one with several keys', () => {
    expect(() => withKeyRotated([writer], 'nobody', token('n'), later)).toThrow('No key for nobody');
    const twice = [writer, { ...writer, token: token('x') }];
    expect(() => withKeyRotated(twice, 'writer-dimas', token('n'), later)).toThrow('writer-dimas has 2 keys in the file');
  });

  test('revoke removes every key of the principal and nothing else', () => {
    expect(withKeyRevoked([writer, editor, { ...writer, token: token('x') }], 'writer-dimas')).toEqual([editor]);
    expect(() => withKeyRevoked([writer], 'editor-ayu')).toThrow(ApiKeyChangeError);
  });
});
