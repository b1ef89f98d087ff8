import { writeFile } from 'node:fs/promises';
import request from 'supertest';
import { ApiKeysWatcher } from '../../src/platform/auth/api-keys-watcher.js';
import { nextReload } from '../../src/platform/auth/testing/next-reload.js';
import { runCli } from '../support/cli-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Keys changed with `npm run keys` while the real app runs: no restart. Each step waits for the
 * app's own reload of the file, then asks the API.
 */
describe('API keys picked up by a running server', () => {
  let app: TestApp;
  let watcher: ApiKeysWatcher;
  let keysFile: string;

  beforeAll(async () => {
    app = await startTestApp();
    watcher = app.app.get(ApiKeysWatcher);
    keysFile = app.keysFile;
  });
  afterAll(async () => {
    await app.close();
  });

  const keys = (...args: string[]) => runCli('api-keys', args, app.dataDir, { REDAKSI_API_KEYS_FILE: keysFile });
  const deskWith = (token: string) => request(app.app.getHttpServer()).get('/v1/desk/mine').set('Authorization', `Bearer ${token}`);
  const touching = (principalId: string) =>
    nextReload(watcher, (outcome) => outcome.kind === 'reloaded' && outcome.changedPrincipals.includes(principalId));

  test('a new key authenticates, a rotated one changes token, a revoked one gets 401', async () => {
    let reloaded = touching('editor-citra');
    const added = await keys('add', '--principal', 'editor-citra', '--name', 'Citra Kirana', '--roles', 'editor');
    expect(added.code).toBe(0);
    const first = added.stdout.trim();
    await reloaded;
    expect((await deskWith(first)).status).toBe(200);

    reloaded = touching('editor-citra');
    const second = (await keys('rotate', '--principal', 'editor-citra')).stdout.trim();
    await reloaded;
    expect((await deskWith(first)).status).toBe(401);
    expect((await deskWith(second)).status).toBe(200);

    reloaded = touching('editor-citra');
    expect((await keys('revoke', '--principal', 'editor-citra')).code).toBe(0);
    await reloaded;
    const revoked = await deskWith(second);
    expect(revoked.status).toBe(401);
    expect(revoked.headers['content-type']).toMatch(/^application\/problem\+json/);

    // The keys that were there from the start never stopped working.
    expect((await app.as('editor').get('/v1/desk/mine')).status).toBe(200);
  });

  test('a broken keys file keeps the last good keys until it is fixed', async () => {
    const kept = nextReload(watcher, (outcome) => outcome.kind === 'kept');
    await writeFile(keysFile, '[{"token": ');
    expect(await kept).toMatchObject({ reason: `Invalid API keys: ${keysFile} is not valid JSON` });
    expect((await app.as('editor').get('/v1/desk/mine')).status).toBe(200);
    expect((await app.as('writer').get('/v1/desk/mine')).status).toBe(200);

    const reloaded = nextReload(watcher, (outcome) => outcome.kind === 'reloaded');
    await writeFile(keysFile, JSON.stringify([{ token: app.tokens.writer, ...app.principals.writer }]));
    await reloaded;
    expect((await app.as('writer').get('/v1/desk/mine')).status).toBe(200);
    expect((await app.as('editor').get('/v1/desk/mine')).status).toBe(401);
  });
});
