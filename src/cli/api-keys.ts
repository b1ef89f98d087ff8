import { ApiKeyChangeError, withKeyAdded, withKeyRevoked, withKeyRotated } from '../platform/auth/api-key-changes.js';
import { keyFingerprint, newApiToken, tokenSha256 } from '../platform/auth/api-key-token.js';
import { ApiKeysError } from '../platform/auth/api-keys.js';
import { type ApiKeysLogger, errorCode, readKeys } from '../platform/auth/api-keys-file.js';
import { type ApiKeysChange, type ApiKeysUpdate, updateApiKeysFile } from '../platform/auth/api-keys-file-update.js';
import { ConfigError, loadConfig } from '../platform/config/app-config.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { keysTable, listedKey } from './keys/format-keys.js';
import { type KeysCommand, parseKeysCommand, USAGE, UsageError } from './keys/keys-command.js';

/**
 * `npm run keys -- add|list|rotate|revoke`: manages the API keys file a server reads (and
 * follows while it runs). A new token goes to stdout alone, once, so a script can capture it;
 * everything meant for the operator goes to stderr. docs/api-keys.md describes it.
 */
const stderrLogger: ApiKeysLogger = {
  info: () => undefined,
  warn: (_details, message) => process.stderr.write(`Warning: ${message}\n`),
};

async function main(argv: readonly string[]): Promise<number> {
  let command: KeysCommand;
  let file: string;
  try {
    command = parseKeysCommand(argv);
    file = loadConfig().apiKeysFile;
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    const hint = error instanceof UsageError && argv.length === 0 ? `\n\n${USAGE}` : '\n(npm run keys -- help shows how to use it)';
    process.stderr.write(`${error.message}${hint}\n`);
    return EXIT_USAGE;
  }

  try {
    return await run(command, file);
  } catch (error) {
    if (error instanceof ApiKeyChangeError || error instanceof ApiKeysError) {
      process.stderr.write(`${error.message}\nNothing was changed.\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`${file}: ${error instanceof Error ? error.message : String(error)}\nNothing was changed.\n`);
    return EXIT_FAILED;
  }
}

async function run(command: KeysCommand, file: string): Promise<number> {
  switch (command.name) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    case 'list':
      return list(file, command.json);
    case 'add': {
      const token = newApiToken();
      const { principalId, displayName, roles } = command;
      const update = await change(file, (keys) => withKeyAdded(keys, { principalId, displayName, roles }, token, new Date()));
      const created = update.created ? `Created ${file}. ` : '';
      announceToken(token, `${created}Added a key for ${principalId} (${displayName}; ${roles.join(', ')}).`);
      return EXIT_OK;
    }
    case 'rotate': {
      const token = newApiToken();
      await change(file, (keys) => withKeyRotated(keys, command.principalId, token, new Date()));
      announceToken(
        token,
        `Rotated the key of ${command.principalId}: the old token stops working as soon as a running server reloads the file.`,
      );
      return EXIT_OK;
    }
    case 'revoke':
      await change(file, (keys) => withKeyRevoked(keys, command.principalId));
      process.stdout.write(`Revoked the key of ${command.principalId}: it stops working as soon as a running server reloads the file.\n`);
      return EXIT_OK;
  }
}

async function change(file: string, apply: ApiKeysChange): Promise<ApiKeysUpdate> {
  const update = await updateApiKeysFile(file, apply, stderrLogger);
  if (update.tightened) process.stderr.write(`${file} was readable by other users; it is readable by its owner only now.\n`);
  return update;
}

function announceToken(token: string, what: string): void {
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `${what}\nFingerprint ${keyFingerprint(tokenSha256(token))}. The token is printed only this once and kept nowhere: hand it over now.\n`,
  );
}

async function list(file: string, json: boolean): Promise<number> {
  let keys;
  try {
    keys = (await readKeys(file, stderrLogger)).map(listedKey);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    process.stderr.write(`There is no API keys file at ${file}: a server creates one on its first start, or \`add\` does.\n`);
    return EXIT_FAILED;
  }
  if (json) process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
  else process.stdout.write(keys.length === 0 ? `No keys in ${file}.\n` : `${keysTable(keys)}\n`);
  return EXIT_OK;
}

process.exitCode = await main(process.argv.slice(2));
