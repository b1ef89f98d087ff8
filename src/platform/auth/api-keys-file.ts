import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ROLES } from '../../kernel/identity.js';
import { newApiToken } from './api-key-token.js';
import { type ApiKeyEntry, ApiKeysError, parseApiKeys } from './api-keys.js';

/** What reading the keys file reports (a pino Logger is one; the keys command writes to stderr). */
export interface ApiKeysLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function bootstrapKeys(): ApiKeyEntry[] {
  return ROLES.map((role) => ({
    token: newApiToken(),
    principalId: `bootstrap-${role}`,
    displayName: `Bootstrap ${role}`,
    roles: [role],
  }));
}

// Written to a private temporary file and linked into place: link() fails if the file
// exists, so two processes starting at once cannot overwrite each other's tokens, and
// nobody ever reads a half-written file.
async function createExclusively(file: string, content: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

export async function readKeys(file: string, logger: ApiKeysLogger): Promise<ApiKeyEntry[]> {
  const text = await readFile(file, 'utf8');
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    logger.warn({ apiKeysFile: file, mode: `0${(mode & 0o777).toString(8)}` }, 'API keys file is readable by other users; chmod 600 it');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error, which may be a token.
    throw new ApiKeysError(`Invalid API keys: ${file} is not valid JSON`);
  }
  return parseApiKeys(json, file);
}

/** Reads and validates the keys file; every failure is an ApiKeysError that names the file. */
export async function readApiKeysFile(file: string, logger: ApiKeysLogger): Promise<ApiKeyEntry[]> {
  try {
    return await readKeys(file, logger);
  } catch (error) {
    if (error instanceof ApiKeysError) throw error;
    throw new ApiKeysError(`Cannot read API keys file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads the API keys file, creating it on first start with one random token per role.
 * The creation is logged with the file's path and principals; tokens are never logged,
 * an operator reads them from the file (mode 0600).
 */
export async function loadOrCreateApiKeys(file: string, logger: ApiKeysLogger): Promise<ApiKeyEntry[]> {
  try {
    return await readKeys(file, logger);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') {
      if (error instanceof ApiKeysError) throw error;
      throw new ApiKeysError(`Cannot read API keys file ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const keys = bootstrapKeys();
  if (!(await createExclusively(file, `${JSON.stringify(keys, null, 2)}\n`))) return readKeys(file, logger);
  logger.info(
    { apiKeysFile: file, principals: keys.map(({ principalId, roles }) => ({ principalId, roles })) },
    'Created the API keys file with one random token per role; read the tokens from the file',
  );
  return keys;
}
