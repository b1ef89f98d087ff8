import { z } from 'zod';
import { ROLES, type Role } from '../../kernel/identity.js';

/** One line of the keys file: a bearer token and the principal it stands for. */
export interface ApiKeyEntry {
  readonly token: string;
  readonly principalId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

export class ApiKeysError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeysError';
  }
}

// RFC 6750 b64token, so every stored token can be sent in an Authorization header; the
// minimum length keeps hand-written, guessable tokens out.
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MIN_TOKEN_LENGTH = 32;

const entrySchema = z.strictObject({
  token: z
    .string()
    .min(MIN_TOKEN_LENGTH, { error: `must be at least ${MIN_TOKEN_LENGTH} characters (use e.g. 32 random bytes as base64url)` })
    .regex(TOKEN, { error: 'may hold only A-Z a-z 0-9 - . _ ~ + / and trailing =' }),
  principalId: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  displayName: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  roles: z
    .array(z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }))
    .min(1, { error: 'must list at least one role' })
    .refine((roles) => new Set(roles).size === roles.length, { error: 'must not repeat a role' }),
});

const fileSchema = z.array(entrySchema, { error: 'must be a JSON array of {token, principalId, displayName, roles}' });

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/**
 * Validates the parsed keys file. Messages name the entry index and field and never
 * quote a token.
 */
export function parseApiKeys(json: unknown, source: string): ApiKeyEntry[] {
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [index, ...field] = issue.path;
      if (typeof index !== 'number') return `${source}: ${issue.message}`;
      if (issue.code === 'unrecognized_keys')
        return `${source}: entry ${index}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      return field.length === 0
        ? `${source}: entry ${index}: ${issue.message}`
        : `${source}: entry ${index}, field "${fieldPath(field)}": ${issue.message}`;
    });
    throw new ApiKeysError(`Invalid API keys:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  const firstIndexByToken = new Map<string, number>();
  const duplicates: string[] = [];
  result.data.forEach((entry, index) => {
    const first = firstIndexByToken.get(entry.token);
    if (first === undefined) firstIndexByToken.set(entry.token, index);
    else duplicates.push(`${source}: entries ${first} and ${index} have the same token`);
  });
  if (duplicates.length > 0) throw new ApiKeysError(`Invalid API keys:\n${duplicates.map((p) => `  - ${p}`).join('\n')}`);

  return result.data;
}
