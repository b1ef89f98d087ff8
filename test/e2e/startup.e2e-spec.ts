import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, startServer } from '../support/server-process.js';

describe('starting the server', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  test('bad configuration: exits 1 naming every bad variable, and starts nothing', () => {
    const result = spawnSync(process.execPath, ['dist/main.js'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: 'eighty', EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113', REDAKSI_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('eighty');
    expect(result.stderr).toContain('EVENTSTORE_CONNECTION_STRING');
  });

  test('a bad delivery setting gets the same clean exit', () => {
    const result = spawnSync(process.execPath, ['dist/main.js'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, REDAKSI_WEBHOOK_TIMEOUT_MS: 'soon', REDAKSI_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('REDAKSI_WEBHOOK_TIMEOUT_MS');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('first start creates a private keys file with one random token per role', async () => {
    const server = await startServer({ REDAKSI_DATA_DIR: dataDir });
    await server.kill('SIGTERM');
    const file = path.join(dataDir, 'api-keys.json');
    const keys = JSON.parse(await readFile(file, 'utf8')) as { token: string; roles: string[] }[];
    expect(keys.flatMap((key) => key.roles).sort()).toEqual(['admin', 'auditor', 'editor', 'service', 'writer']);
    expect(new Set(keys.map((key) => key.token)).size).toBe(5);
    expect(keys.every((key) => key.token.length >= 32)).toBe(true);
    expect((await stat(file)).mode & 0o077).toBe(0);
  }, 60_000);
});
