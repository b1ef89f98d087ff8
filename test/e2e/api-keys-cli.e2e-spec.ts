import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli-process.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const TOKEN_LINE = /^[A-Za-z0-9_-]{43}\n$/;

interface StoredKey {
  principalId: string;
  displayName: string;
  roles: string[];
  createdAt?: string;
  tokenSha256?: string;
  token?: string;
}

/** `npm run keys` as an operator runs it: the compiled CLI in a child process, on a data directory. */
describe('the API keys command', () => {
  let dataDir: string;
  let file: string;
  const keys = (...args: string[]) => runCli('api-keys', args, dataDir);
  const stored = async () => JSON.parse(await readFile(file, 'utf8')) as StoredKey[];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-keys-cli-'));
    file = path.join(dataDir, 'api-keys.json');
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('add prints the new token once, alone on stdout; the file keeps only its hash', async () => {
    const added = await keys('add', '--principal', 'editor-bagus', '--name', 'Bagus Santoso', '--roles', 'editor');
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(TOKEN_LINE) });
    const token = added.stdout.trim();
    expect(added.stderr).toContain(`Created ${file}. Added a key for editor-bagus (Bagus Santoso; editor).`);
    expect(added.stderr).toContain(`Fingerprint ${sha256(token).slice(0, 12)}.`);

    expect(await stored()).toEqual([
      {
        tokenSha256: sha256(token),
        principalId: 'editor-bagus',
        displayName: 'Bagus Santoso',
        roles: ['editor'],
        createdAt: expect.any(String),
      },
    ]);
    expect(await readFile(file, 'utf8')).not.toContain(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual(['api-keys.json']);
  });

  test('list shows principal, name, roles, created and fingerprint, and never a token', async () => {
    await writeFile(
      file,
      JSON.stringify([{ token: 'b'.repeat(43), principalId: 'bootstrap-admin', displayName: 'Bootstrap admin', roles: ['admin'] }]),
      {
        mode: 0o600,
      },
    );
    const token = (await keys('add', '--principal', 'writer-sari', '--name', 'Sari Wulandari', '--roles', 'writer,editor')).stdout.trim();
    const { createdAt } = (await stored())[1]!;

    const listed = await keys('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['PRINCIPAL', 'NAME', 'ROLES', 'CREATED', 'FINGERPRINT', 'STORED AS'],
      ['bootstrap-admin', 'Bootstrap admin', 'admin', '-', sha256('b'.repeat(43)).slice(0, 12), 'token'],
      ['writer-sari', 'Sari Wulandari', 'writer,editor', createdAt, sha256(token).slice(0, 12), 'sha256'],
      [''],
    ]);
    const json = await keys('list', '--json');
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ principalId: 'bootstrap-admin', createdAt: null, storedAs: 'token' }),
      {
        principalId: 'writer-sari',
        displayName: 'Sari Wulandari',
        roles: ['writer', 'editor'],
        createdAt,
        fingerprint: sha256(token).slice(0, 12),
        storedAs: 'sha256',
      },
    ]);
    for (const output of [listed.stdout, listed.stderr, json.stdout]) {
      expect(output).not.toContain(token);
      expect(output).not.toContain('b'.repeat(43));
      expect(output).not.toContain(sha256(token));
    }
  });

  test('rotate prints a new token once and keeps name and roles; revoke removes the key', async () => {
    const first = (await keys('add', '--principal', 'editor-bagus', '--name', 'Bagus Santoso', '--roles', 'editor,auditor')).stdout.trim();
    const rotated = await keys('rotate', '--principal', 'editor-bagus');
    expect(rotated).toMatchObject({ code: 0, stdout: expect.stringMatching(TOKEN_LINE) });
    const second = rotated.stdout.trim();
    expect(second).not.toBe(first);
    expect(await stored()).toEqual([
      expect.objectContaining({ tokenSha256: sha256(second), displayName: 'Bagus Santoso', roles: ['editor', 'auditor'] }),
    ]);

    const revoked = await keys('revoke', '--principal', 'editor-bagus');
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining('Revoked the key of editor-bagus') });
    expect(await stored()).toEqual([]);
  });

  test.each<[string, string[], string]>([
    ['no command', [], 'Say what to do: add, list, rotate or revoke'],
    ['an unknown command', ['delete', '--principal', 'editor-ayu'], 'Unknown command "delete"'],
    ['an unknown option', ['list', '--all'], "Unknown option '--all'"],
    ['an option the command does not take', ['revoke', '--principal', 'editor-ayu', '--roles', 'editor'], 'revoke takes no --roles'],
    ['a missing principal', ['rotate'], '--principal <id> is required'],
    ['a missing name', ['add', '--principal', 'editor-bagus', '--roles', 'editor'], '--name <display name> is required'],
    ['missing roles', ['add', '--principal', 'editor-bagus', '--name', 'Bagus'], '--roles is required'],
    ['an unknown role', ['add', '--principal', 'editor-bagus', '--name', 'Bagus', '--roles', 'editor,boss'], '"boss" is not a role'],
    ['a repeated role', ['add', '--principal', 'editor-bagus', '--name', 'Bagus', '--roles', 'editor,editor'], 'a role is listed twice'],
    [
      'a principal with spaces around it',
      ['add', '--principal', ' editor-bagus', '--name', 'Bagus', '--roles', 'editor'],
      'No leading or trailing spaces',
    ],
    ['a principal on two lines', ['add', '--principal', 'editor\nbagus', '--name', 'Bagus', '--roles', 'editor'], 'Must be one line'],
    ['a blank name', ['add', '--principal', 'editor-bagus', '--name', '  ', '--roles', 'editor'], '--name "  ": Required'],
    ['a name too long', ['add', '--principal', 'editor-bagus', '--name', 'B'.repeat(121), '--roles', 'editor'], 'At most 120 characters'],
    [
      'a stray argument',
      ['add', '--principal', 'editor-bagus', '--name', 'Bagus', 'Santoso', '--roles', 'editor'],
      'takes no further arguments',
    ],
    [
      'a principal that already has a key',
      ['add', '--principal', 'editor-ayu', '--name', 'Ayu', '--roles', 'editor'],
      'editor-ayu already has a key',
    ],
    ['rotating an unknown principal', ['rotate', '--principal', 'editor-bagus'], 'No key for editor-bagus'],
    ['revoking an unknown principal', ['revoke', '--principal', 'editor-bagus'], 'No key for editor-bagus'],
  ])('refuses %s with exit code 2 and changes nothing', async (_name, args, message) => {
    const before = JSON.stringify([{ token: 'a'.repeat(43), principalId: 'editor-ayu', displayName: 'Ayu Lestari', roles: ['editor'] }]);
    await writeFile(file, before, { mode: 0o600 });
    const result = await keys(...args);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(message);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dataDir)).toEqual(['api-keys.json']);
  });

  test('refuses to touch an invalid keys file, naming the problem', async () => {
    await writeFile(file, '[{"token": "short"}]', { mode: 0o600 });
    const result = await keys('add', '--principal', 'editor-bagus', '--name', 'Bagus', '--roles', 'editor');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`${file}: entry 0, field "token"`);
    expect(await readFile(file, 'utf8')).toBe('[{"token": "short"}]');
  });

  test('refuses bad input before creating anything, and says when there is no file to list', async () => {
    expect((await keys('add', '--principal', 'editor-bagus', '--name', 'Bagus', '--roles', 'chief')).code).toBe(2);
    expect((await keys('rotate', '--principal', 'editor-bagus')).code).toBe(2);
    expect(await readdir(dataDir)).toEqual([]);
    const listed = await keys('list');
    expect(listed).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining(`There is no API keys file at ${file}`) });
  });

  test('two operators adding keys at the same moment both get theirs', async () => {
    const [a, b] = await Promise.all([
      keys('add', '--principal', 'editor-bagus', '--name', 'Bagus Santoso', '--roles', 'editor'),
      keys('add', '--principal', 'writer-sari', '--name', 'Sari Wulandari', '--roles', 'writer'),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect((await stored()).map((key) => key.tokenSha256).sort()).toEqual([sha256(a.stdout.trim()), sha256(b.stdout.trim())].sort());
  });

  test('help shows the usage', async () => {
    const help = await keys('help');
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('add --principal <id> --name <display name> --roles') });
  });
});
