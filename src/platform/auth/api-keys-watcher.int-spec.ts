import { mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../logging/logger.js';
import { captureLogs } from '../logging/test-support.js';
import { ApiKeyStore } from './api-key-store.js';
import type { ApiKeyEntry } from './api-keys.js';
import { ApiKeysWatcher } from './api-keys-watcher.js';
import { nextReload } from './testing/next-reload.js';

const token = (c: string) => c.repeat(43);
const key = (c: string, principalId: string): ApiKeyEntry => ({
  token: token(c),
  principalId,
  displayName: principalId,
  roles: ['editor'],
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`${what} did not happen within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ApiKeysWatcher', () => {
  let dir: string;
  let file: string;
  let store: ApiKeyStore;
  let watcher: ApiKeysWatcher;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'redaksi-keys-watch-'));
    file = path.join(dir, 'api-keys.json');
    const initial = [key('a', 'editor-ayu')];
    await writeFile(file, JSON.stringify(initial), { mode: 0o600 });
    store = new ApiKeyStore(initial);
    logs = captureLogs();
    watcher = new ApiKeysWatcher(file, store, initial, createLogger({ level: 'info', destination: logs }), 50);
    await watcher.start();
  });
  afterEach(async () => {
    await watcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Written beside and renamed over, as the keys command does. */
  async function replaceFile(content: string): Promise<void> {
    await writeFile(`${file}.tmp`, content, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }

  it('picks up a file replaced by rename, and logs who changed without any token', async () => {
    const reloaded = nextReload(watcher);
    await replaceFile(JSON.stringify([key('a', 'editor-ayu'), key('b', 'editor-bagus')]));
    expect(await reloaded).toEqual({ kind: 'reloaded', keys: 2, changedPrincipals: ['editor-bagus'] });
    expect(store.authenticate(token('b'))?.id).toBe('editor-bagus');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'info', apiKeysFile: file, keys: 2, changedPrincipals: ['editor-bagus'] }),
    );
    expect(JSON.stringify(logs.lines)).not.toContain(token('b'));
  });

  it('picks up a file edited in place, and a revoked key stops working', async () => {
    const reloaded = nextReload(watcher);
    await writeFile(file, JSON.stringify([key('c', 'editor-citra')]));
    expect(await reloaded).toMatchObject({ kind: 'reloaded', changedPrincipals: ['editor-ayu', 'editor-citra'] });
    expect(store.authenticate(token('a'))).toBeUndefined();
    expect(store.authenticate(token('c'))?.id).toBe('editor-citra');
  });

  it('keeps the last good keys when the file becomes invalid, says why, and takes the next good file', async () => {
    let reloaded = nextReload(watcher);
    await replaceFile('[{"token": "short", "principalId": "x"');
    expect(await reloaded).toEqual({ kind: 'kept', keys: 1, reason: `Invalid API keys: ${file} is not valid JSON` });
    expect(store.authenticate(token('a'))?.id).toBe('editor-ayu');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'error', apiKeysFile: file, keys: 1, reason: expect.stringContaining('not valid JSON') }),
    );

    reloaded = nextReload(watcher, (outcome) => outcome.kind === 'kept' && outcome.reason.includes('roles'));
    await replaceFile(JSON.stringify([key('a', 'editor-ayu'), { ...key('d', 'editor-dewi'), roles: ['boss'] }]));
    expect(await reloaded).toMatchObject({ kind: 'kept', reason: expect.stringContaining('entry 1, field "roles[0]"') });
    expect(store.authenticate(token('d'))).toBeUndefined();

    reloaded = nextReload(watcher, (outcome) => outcome.kind === 'reloaded');
    await replaceFile(JSON.stringify([key('d', 'editor-dewi')]));
    expect(await reloaded).toMatchObject({ kind: 'reloaded', keys: 1 });
    expect(store.authenticate(token('d'))?.id).toBe('editor-dewi');
  });

  it('keeps the keys while the file is gone and reads it again when it is back', async () => {
    await unlink(file);
    await until(() => logs.lines.some((line) => line.level === 'warn'), 'the warning about the removed file');
    expect(store.authenticate(token('a'))?.id).toBe('editor-ayu');
    const reloaded = nextReload(watcher);
    await writeFile(file, JSON.stringify([key('e', 'editor-eka')]), { mode: 0o600 });
    expect(await reloaded).toMatchObject({ kind: 'reloaded', keys: 1 });
    expect(store.authenticate(token('e'))?.id).toBe('editor-eka');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', apiKeysFile: file, msg: expect.stringContaining('was removed') }),
    );
  });
});
