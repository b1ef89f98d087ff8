import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROLES } from '../../kernel/identity.js';
import { createLogger } from '../logging/logger.js';
import { captureLogs } from '../logging/test-support.js';
import { loadOrCreateApiKeys } from './api-keys-file.js';

describe('loadOrCreateApiKeys', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'redaksi-keys-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file, and its directories, with one random token per role, readable only by the owner', async () => {
    const file = path.join(dir, 'nested', 'data', 'api-keys.json');
    const logs = captureLogs();
    const keys = await loadOrCreateApiKeys(file, createLogger({ level: 'info', destination: logs }));

    expect(keys.map((k) => k.roles)).toEqual(ROLES.map((role) => [role]));
    for (const key of keys) expect(key.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(keys.map((k) => k.token)).size).toBe(ROLES.length);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(keys);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['api-keys.json']);

    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        apiKeysFile: file,
        principals: expect.arrayContaining([{ principalId: 'bootstrap-editor', roles: ['editor'] }]),
      }),
    ]);
    const logged = JSON.stringify(logs.lines);
    for (const key of keys) expect(logged).not.toContain(key.token);
  });

  it('never creates the same tokens twice', async () => {
    const first = await loadOrCreateApiKeys(path.join(dir, 'a.json'), createLogger({ level: 'silent' }));
    const second = await loadOrCreateApiKeys(path.join(dir, 'b.json'), createLogger({ level: 'silent' }));
    expect(second.map((k) => k.token)).not.toEqual(expect.arrayContaining([first[0]!.token]));
  });

  it('reads an existing file instead of replacing it', async () => {
    const file = path.join(dir, 'api-keys.json');
    const created = await loadOrCreateApiKeys(file, createLogger({ level: 'silent' }));
    expect(await loadOrCreateApiKeys(file, createLogger({ level: 'silent' }))).toEqual(created);
  });

  it('creates the file once when two processes start together', async () => {
    const file = path.join(dir, 'api-keys.json');
    const [a, b] = await Promise.all([
      loadOrCreateApiKeys(file, createLogger({ level: 'silent' })),
      loadOrCreateApiKeys(file, createLogger({ level: 'silent' })),
    ]);
    expect(a).toEqual(b);
    expect(await readdir(dir)).toEqual(['api-keys.json']);
  });

  it('warns when the file is readable by others', async () => {
    const file = path.join(dir, 'api-keys.json');
    await loadOrCreateApiKeys(file, createLogger({ level: 'silent' }));
    await chmod(file, 0o644);
    const logs = captureLogs();
    await loadOrCreateApiKeys(file, createLogger({ level: 'info', destination: logs }));
    expect(logs.lines).toEqual([expect.objectContaining({ level: 'warn', apiKeysFile: file, mode: '0644' })]);
  });

  it('rejects a file that is not JSON without quoting it', async () => {
    const file = path.join(dir, 'api-keys.json');
    await writeFile(file, '[{"token": "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t",', { mode: 0o600 });
    const failure = loadOrCreateApiKeys(file, createLogger({ level: 'silent' }));
    await expect(failure).rejects.toThrow(`${file} is not valid JSON`);
    await expect(failure).rejects.not.toThrow(/s3cr3t/);
  });

  it('rejects an invalid entry, naming the file, entry and field', async () => {
    const file = path.join(dir, 'api-keys.json');
    await writeFile(file, JSON.stringify([{ token: 'x'.repeat(43), principalId: 'p', displayName: 'P', roles: ['root'] }]), {
      mode: 0o600,
    });
    await expect(loadOrCreateApiKeys(file, createLogger({ level: 'silent' }))).rejects.toThrow(`${file}: entry 0, field "roles[0]"`);
  });

  it('reports a keys path it cannot read', async () => {
    await expect(loadOrCreateApiKeys(dir, createLogger({ level: 'silent' }))).rejects.toThrow(`Cannot read API keys file ${dir}`);
  });
});
