import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PRINCIPALS, type Who } from './test-app.js';

export interface ApiKeysFixture {
  readonly file: string;
  readonly tokens: Record<Who, string>;
}

/**
 * An API keys file for a server started as a child process (server-process.ts): the same
 * principals as the in-process test app, each with a fresh random token.
 */
export async function writeApiKeys(directory: string): Promise<ApiKeysFixture> {
  const file = path.join(directory, 'api-keys.json');
  const tokens = Object.fromEntries(
    Object.keys(PRINCIPALS).map((who) => [who, `fixture-${who}-${randomBytes(24).toString('base64url')}`]),
  ) as Record<Who, string>;
  const entries = Object.entries(PRINCIPALS).map(([who, principal]) => ({ token: tokens[who as Who], ...principal }));
  await writeFile(file, JSON.stringify(entries), { mode: 0o600 });
  return { file, tokens };
}
