import { parseArgs } from 'node:util';
import { contributorIdIssues, normalizeProfile, profileIssues } from '../../contributors/model/profile-rules.js';
import { ROLES, type Role } from '../../kernel/identity.js';

export type KeysCommand =
  | { readonly name: 'add'; readonly principalId: string; readonly displayName: string; readonly roles: readonly Role[] }
  | { readonly name: 'list'; readonly json: boolean }
  | { readonly name: 'rotate'; readonly principalId: string }
  | { readonly name: 'revoke'; readonly principalId: string }
  | { readonly name: 'help' };

export const USAGE = `Usage: npm run keys -- <command>

  add --principal <id> --name <display name> --roles <role>[,<role>...]
                            a new key; prints its token once
  list [--json]             every key: principal, name, roles, created, fingerprint (never a token)
  rotate --principal <id>   a new token for the principal's key; prints it once, the old one stops working
  revoke --principal <id>   removes the principal's key

Roles: ${ROLES.join(', ')}. The file is REDAKSI_API_KEYS_FILE (default <REDAKSI_DATA_DIR>/api-keys.json);
a running server picks up every change by itself.`;

/** Bad arguments: the message says what to fix; nothing has been read or written. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  principal: { type: 'string' },
  name: { type: 'string' },
  roles: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Option = keyof typeof OPTIONS;

const ALLOWED: Record<Exclude<KeysCommand['name'], 'help'>, readonly Option[]> = {
  add: ['principal', 'name', 'roles'],
  list: ['json'],
  rotate: ['principal'],
  revoke: ['principal'],
};

export function parseKeysCommand(argv: readonly string[]): KeysCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals[0] === 'help') return { name: 'help' };
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError('Say what to do: add, list, rotate or revoke');
  if (!isCommandName(name)) throw new UsageError(`Unknown command "${name}": use add, list, rotate or revoke`);
  if (extra.length > 0)
    throw new UsageError(`${name} takes no further arguments (got ${extra.map((e) => `"${e}"`).join(' ')}); quote a name with spaces`);
  const given = (Object.keys(values) as Option[]).filter((option) => values[option] !== undefined);
  const unexpected = given.filter((option) => !ALLOWED[name].includes(option));
  if (unexpected.length > 0) throw new UsageError(`${name} takes no ${unexpected.map((option) => `--${option}`).join(', ')}`);

  switch (name) {
    case 'list':
      return { name, json: values.json === true };
    case 'rotate':
    case 'revoke':
      return { name, principalId: principal(values.principal) };
    case 'add':
      return { name, principalId: principal(values.principal), displayName: displayName(values.name), roles: roles(values.roles) };
  }
}

function isCommandName(name: string): name is keyof typeof ALLOWED {
  return Object.hasOwn(ALLOWED, name);
}

/** The principal id is also the writer's contributor id and names streams: the contributor rules apply. */
function principal(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--principal <id> is required');
  const issues = contributorIdIssues(value);
  if (issues.length > 0) throw new UsageError(`--principal ${JSON.stringify(value)}: ${issues.map((i) => i.message).join('; ')}`);
  return value;
}

/** The display name becomes the byline of what the principal writes: the profile's rules apply. */
function displayName(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--name <display name> is required');
  const { displayName: name } = normalizeProfile({ displayName: value, bio: '', publicContact: null });
  const issues = profileIssues({ displayName: name, bio: '', publicContact: null });
  if (issues.length > 0) throw new UsageError(`--name ${JSON.stringify(value)}: ${issues.map((i) => i.message).join('; ')}`);
  return name;
}

function roles(value: string | undefined): Role[] {
  if (value === undefined) throw new UsageError(`--roles is required: one or more of ${ROLES.join(', ')}, separated by commas`);
  const names = value.split(',').map((role) => role.trim());
  const known = names.filter(isRole);
  if (known.length < names.length) {
    const unknown = names.filter((role) => !isRole(role));
    throw new UsageError(`--roles: ${unknown.map((role) => `"${role}"`).join(', ')} is not a role; use ${ROLES.join(', ')}`);
  }
  if (new Set(known).size !== known.length) throw new UsageError('--roles: a role is listed twice');
  return known;
}

function isRole(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}
