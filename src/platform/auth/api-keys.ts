import { z } from 'zod';
import { ROLES, type Role } from '../../kernel/identity.js';
import { tokenSha256 } from './api-key-token.js';

/**
 * One entry of the keys file: a bearer token and the principal it stands for. The token is kept
 * either as it is (`token`: the keys made on first start, or written by hand) or, as the keys
 * command writes it, only as its SHA-256 (`tokenSha256`): then the file never holds a usable token.
 */
export interface ApiKeyEntry {
  readonly token?: string;
  readonly tokenSha256?: string;
  readonly principalId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** When the key was made (ISO 8601); absent on keys made before it was recorded. */
  readonly createdAt?: string;
}

/** The SHA-256 (hex) of an entry's token, however the file keeps it. */
export function entrySha256(entry: ApiKeyEntry): string {
  if (entry.tokenSha256 !== undefined) return entry.tokenSha256;
  if (entry.token !== undefined) return tokenSha256(entry.token);
  // parseApiKeys lets no such entry through.
  throw new Error(`API key entry for ${entry.principalId} has neither token nor tokenSha256`);
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

const entrySchema = z
  .strictObject({
    token: z
      .string()
      .min(MIN_TOKEN_LENGTH, { error: `must be at least ${MIN_TOKEN_LENGTH} characters (use e.g. 32 random bytes as base64url)` })
      .regex(TOKEN, { error: 'may hold only A-Z a-z 0-9 - . _ ~ + / and trailing =' })
      .optional(),
    tokenSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: "must be the token's SHA-256 as 64 lower-case hex digits" })
      .optional(),
    principalId: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
    displayName: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
    roles: z
      .array(z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }))
      .min(1, { error: 'must list at least one role' })
      .refine((roles) => new Set(roles).size === roles.length, { error: 'must not repeat a role' }),
    createdAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }).optional(),
  })
  .refine((entry) => (entry.token === undefined) !== (entry.tokenSha256 === undefined), {
    error: 'needs exactly one of "token" and "tokenSha256"',
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

  // Compared by hash, so a token kept in clear in one entry and hashed in another is caught too.
  const firstIndexByHash = new Map<string, number>();
  const duplicates: string[] = [];
  result.data.forEach((entry, index) => {
    const hash = entrySha256(entry);
    const first = firstIndexByHash.get(hash);
    if (first === undefined) firstIndexByHash.set(hash, index);
    else duplicates.push(`${source}: entries ${first} and ${index} have the same token`);
  });
  if (duplicates.length > 0) throw new ApiKeysError(`Invalid API keys:\n${duplicates.map((p) => `  - ${p}`).join('\n')}`);

  return result.data;
}
