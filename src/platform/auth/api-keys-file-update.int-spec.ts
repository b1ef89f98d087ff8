import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../logging/logger.js';
import { ApiKeyChangeError, withKeyAdded, withKeyRevoked } from './api-key-changes.js';
import { tokenSha256 } from './api-key-token.js';
import { type ApiKeyEntry, ApiKeysError } from './api-keys.js';
import { updateApiKeysFile } from './api-keys-file-update.js';

const logger = createLogger({ level: 'silent' });
const now = new Date('2025-01-21T03:12:40.512Z');
const token = (c: string) => c.repeat(43);
const principal = (id: string) => ({ principalId: id, displayName: `Orang ${id}`, roles: ['editor'] as const });
const add = (id: string, c: string) => (keys: readonly ApiKeyEntry[]) => withKeyAdded(keys, principal(id), token(c), now);

describe('updateApiKeysFile', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'redaksi-keys-update-'));
    file = path.join(dir, 'api-keys.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a missing file, and its directory, readable by the owner only', async () => {
    const nested = path.join(dir, 'data', 'api-keys.json');
    const update = await updateApiKeysFile(nested, add('editor-bagus', 'b'), logger);
    expect(update).toMatchObject({ before: [], created: true, tightened: false });
    expect(JSON.parse(await readFile(nested, 'utf8'))).toEqual([
      expect.objectContaining({ principalId: 'editor-bagus', tokenSha256: tokenSha256(token('b')) }),
    ]);
    expect((await stat(nested)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(nested))).mode & 0o777).toBe(0o700);
  });

  it('keeps the existing entries as they are and leaves no temporary or lock file behind', async () => {
    const existing = [{ token: token('a'), principalId: 'bootstrap-admin', displayName: 'Bootstrap admin', roles: ['admin'] }];
    await writeFile(file, JSON.stringify(existing), { mode: 0o600 });
    await updateApiKeysFile(file, add('editor-bagus', 'b'), logger);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual([...existing, expect.objectContaining({ principalId: 'editor-bagus' })]);
    expect(await readdir(dir)).toEqual(['api-keys.json']);
  });

  it('makes a file that was readable by others owner-only, and says so', async () => {
    await writeFile(file, '[]');
    await chmod(file, 0o644);
    expect((await updateApiKeysFile(file, add('editor-bagus', 'b'), logger)).tightened).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('changes nothing, not even the directory, when the change is refused', async () => {
    const nested = path.join(dir, 'data', 'api-keys.json');
    await expect(updateApiKeysFile(nested, (keys) => withKeyRevoked(keys, 'nobody'), logger)).rejects.toThrow(ApiKeyChangeError);
    expect(await readdir(dir)).toEqual([]);

    await writeFile(file, '[]', { mode: 0o600 });
    await updateApiKeysFile(file, add('editor-bagus', 'b'), logger);
    const before = await readFile(file, 'utf8');
    await expect(updateApiKeysFile(file, add('editor-bagus', 'c'), logger)).rejects.toThrow('editor-bagus already has a key');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses to change an invalid file, and leaves it for the operator to fix', async () => {
    await writeFile(file, '[{"token": "short"}]', { mode: 0o600 });
    await expect(updateApiKeysFile(file, add('editor-bagus', 'b'), logger)).rejects.toThrow(ApiKeysError);
    expect(await readFile(file, 'utf8')).toBe('[{"token": "short"}]');
  });

  it('refuses a change whose result is not a valid keys file', async () => {
    const tooLong = (keys: readonly ApiKeyEntry[]) =>
      withKeyAdded(keys, { ...principal('p'), displayName: 'x'.repeat(201) }, token('b'), now);
    await expect(updateApiKeysFile(file, tooLong, logger)).rejects.toThrow('field "displayName"');
    expect(await readdir(dir)).toEqual([]);
  });

  it('lets several changes at once all land: none overwrites another', async () => {
    await writeFile(file, '[]', { mode: 0o600 });
    await Promise.all(['a', 'b', 'c', 'd'].map((c) => updateApiKeysFile(file, add(`editor-${c}`, c), logger)));
    const ids = (JSON.parse(await readFile(file, 'utf8')) as ApiKeyEntry[]).map((key) => key.principalId).sort();
    expect(ids).toEqual(['editor-a', 'editor-b', 'editor-c', 'editor-d']);
  });
});
