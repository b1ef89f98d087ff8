import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { type ApiKeyEntry, ApiKeysError, parseApiKeys } from './api-keys.js';
import { type ApiKeysLogger, errorCode, readKeys } from './api-keys-file.js';

/** A change to the keys: the keys as they are (none if there is no file yet) to the keys as they will be. */
export type ApiKeysChange = (keys: readonly ApiKeyEntry[]) => ApiKeyEntry[];

export interface ApiKeysUpdate {
  readonly before: readonly ApiKeyEntry[];
  readonly after: readonly ApiKeyEntry[];
  /** There was no file: this update made it. */
  readonly created: boolean;
  /** The file was readable by other users; it is owner-only now. */
  readonly tightened: boolean;
}

const OWNER_ONLY = 0o600;

/**
 * Applies a change to the keys file, all or nothing.
 *
 * The change runs first on the file as it is, so a refused change (it throws) touches nothing,
 * not even the directory. Then, under a lock (two operators at once must not overwrite each
 * other's keys), it runs again on a fresh read, the result is validated like any keys file, and
 * the new file is written beside the old one (owner-only) and renamed over it: a running server
 * reads the old file or the new one, never half of one.
 */
export async function updateApiKeysFile(file: string, change: ApiKeysChange, logger: ApiKeysLogger): Promise<ApiKeysUpdate> {
  checked(change((await current(file, logger)).keys), file);

  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let compromised: Error | undefined;
  const release = await lock(file, (error) => (compromised = error));
  try {
    const { keys: before, exists, mode } = await current(file, logger);
    const after = checked(change(before), file);
    await writeAtomically(file, `${JSON.stringify(after, null, 2)}\n`, () => {
      if (compromised !== undefined) throw new ApiKeysError(`Lost the lock on ${file} (${compromised.message}); nothing was written`);
    });
    return { before, after, created: !exists, tightened: exists && (mode & 0o077) !== 0 };
  } finally {
    await release().catch(() => undefined);
  }
}

async function current(file: string, logger: ApiKeysLogger): Promise<{ keys: ApiKeyEntry[]; exists: boolean; mode: number }> {
  try {
    const keys = await readKeys(file, logger);
    return { keys, exists: true, mode: (await stat(file)).mode };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { keys: [], exists: false, mode: OWNER_ONLY };
    if (error instanceof ApiKeysError) throw error;
    throw new ApiKeysError(`Cannot read API keys file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function checked(keys: ApiKeyEntry[], file: string): ApiKeyEntry[] {
  return parseApiKeys(keys, file);
}

/** proper-lockfile keeps `<file>.lock` fresh while held, and takes over one left by a crashed process after 10 s. */
async function lock(file: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 20, factor: 1.3, minTimeout: 50, maxTimeout: 1_000 },
      onCompromised,
    });
  } catch (error) {
    if (errorCode(error) !== 'ELOCKED') throw error;
    throw new ApiKeysError(`Another keys command is changing ${file}; try again in a moment (or remove ${file}.lock if none is running)`);
  }
}

async function writeAtomically(file: string, content: string, beforeRename: () => void): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', OWNER_ONLY);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    beforeRename();
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  // The rename is durable only once the directory entry is on disk.
  const directory = await open(path.dirname(file), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
