import path from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SQLITE_SYNCHRONOUS_MODES = ['FULL', 'NORMAL'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number];

export const PROJECTION_MODES = ['inline', 'off'] as const;
export type ProjectionMode = (typeof PROJECTION_MODES)[number];

/** Everything the process reads from its environment, validated once at start. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute. */
  readonly dataDir: string;
  /** Unset means the embedded SQLite store. */
  readonly eventStoreConnectionString: string | undefined;
  /** Absolute. */
  readonly apiKeysFile: string;
  readonly logLevel: LogLevel;
  readonly sqliteSynchronous: SqliteSynchronous;
  /** REDAKSI_BODY_LIMIT in bytes, so every consumer reads the same number. */
  readonly bodyLimitBytes: number;
  /** `inline`: this process keeps the read models up to date; `off`: a projector process does (npm run start:projector). */
  readonly projections: ProjectionMode;
  /** Longest a read with `waitFor` waits for the read models to reach the position. */
  readonly readModelWaitMs: number;
  /** The largest append either store accepts, measured as EventStoreDB measures it (413 above it). */
  readonly maxAppendSizeBytes: number;
  /** EventStoreDB: how long idempotent operations retry transient failures (elections, restarts). */
  readonly eventStoreRetryBudgetMs: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown once with every bad variable, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const VARIABLES = {
  PORT: 'an integer from 1 to 65535 (default 3000)',
  HOST: 'a host name or IP address to listen on, without spaces (default 127.0.0.1)',
  REDAKSI_DATA_DIR: 'a directory path (default ./data)',
  EVENTSTORE_CONNECTION_STRING:
    'an EventStoreDB connection string starting with esdb://, kurrentdb://, kurrent:// or kdb:// (each also +discover), or unset',
  REDAKSI_API_KEYS_FILE: 'a file path (default <REDAKSI_DATA_DIR>/api-keys.json)',
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')} (default info)`,
  REDAKSI_SQLITE_SYNCHRONOUS: 'FULL or NORMAL (default FULL)',
  REDAKSI_BODY_LIMIT: 'a positive size such as 512kb, 1mb or 1048576 (bytes; units b, kb, mb, gb) (default 1mb)',
  REDAKSI_PROJECTIONS: 'inline (this process runs the projections) or off (a separate projector does) (default inline)',
  REDAKSI_READ_WAIT_MS: 'an integer from 0 to 30000: how long a read with waitFor may wait, in ms (default 2000)',
  REDAKSI_MAX_APPEND_SIZE: 'a size from 1kb to 256mb such as 1mb (units b, kb, mb) (default 1mb)',
  REDAKSI_EVENTSTORE_RETRY_MS: 'an integer from 0 to 60000: how long EventStoreDB calls retry transient failures, in ms (default 5000)',
} as const;
type Variable = keyof typeof VARIABLES;

const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;

function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  const unit = (match[2]?.toLowerCase() ?? 'b') as keyof typeof UNIT_BYTES;
  const bytes = Math.floor(Number(match[1]) * UNIT_BYTES[unit]);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

// An empty variable (`PORT=`) is treated as unset: that is how shells and compose files
// spell "no value", and failing on it would only make operators delete lines.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(65535)),
  ),
  HOST: optional(z.string().regex(/^[^\s]+$/)),
  REDAKSI_DATA_DIR: optional(z.string()),
  EVENTSTORE_CONNECTION_STRING: optional(z.string().regex(/^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\/\S+$/i)),
  REDAKSI_API_KEYS_FILE: optional(z.string()),
  LOG_LEVEL: optional(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(LOG_LEVELS)),
  ),
  REDAKSI_SQLITE_SYNCHRONOUS: optional(
    z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.enum(SQLITE_SYNCHRONOUS_MODES)),
  ),
  REDAKSI_BODY_LIMIT: optional(
    z.string().transform((s, ctx) => {
      const bytes = parseSize(s);
      if (bytes === undefined) ctx.addIssue({ code: 'custom', message: 'not a size' });
      return bytes ?? 0;
    }),
  ),
  REDAKSI_PROJECTIONS: optional(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(PROJECTION_MODES)),
  ),
  REDAKSI_READ_WAIT_MS: optional(
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(0).max(30_000)),
  ),
  REDAKSI_MAX_APPEND_SIZE: optional(
    z.string().transform((s, ctx) => {
      const bytes = parseSize(s);
      // Up to KurrentDB 25.1's own default; every server before it refuses more than 1 MiB unless configured.
      if (bytes === undefined || bytes < 1024 || bytes > 256 * 1024 ** 2) ctx.addIssue({ code: 'custom', message: 'not a size in range' });
      return bytes ?? 0;
    }),
  ),
  REDAKSI_EVENTSTORE_RETRY_MS: optional(
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(0).max(60_000)),
  ),
});

// The message quotes the offending value, but a connection string may carry a password.
function display(variable: Variable, value: string | undefined): string {
  const shown = variable === 'EVENTSTORE_CONNECTION_STRING' && value ? value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : value;
  return JSON.stringify(shown);
}

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const input = Object.fromEntries(Object.keys(VARIABLES).map((name) => [name, env[name]]));
  const result = envSchema.safeParse(input);
  if (!result.success) {
    const bad = new Set(result.error.issues.map((issue) => String(issue.path[0]) as Variable));
    throw new ConfigError([...bad].map((name) => `${name}=${display(name, env[name])}: expected ${VARIABLES[name]}`));
  }
  const vars = result.data;
  const dataDir = path.resolve(vars.REDAKSI_DATA_DIR ?? './data');
  return Object.freeze({
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? '127.0.0.1',
    dataDir,
    eventStoreConnectionString: vars.EVENTSTORE_CONNECTION_STRING,
    apiKeysFile: vars.REDAKSI_API_KEYS_FILE ? path.resolve(vars.REDAKSI_API_KEYS_FILE) : path.join(dataDir, 'api-keys.json'),
    logLevel: vars.LOG_LEVEL ?? 'info',
    sqliteSynchronous: vars.REDAKSI_SQLITE_SYNCHRONOUS ?? 'FULL',
    bodyLimitBytes: vars.REDAKSI_BODY_LIMIT ?? 1024 ** 2,
    projections: vars.REDAKSI_PROJECTIONS ?? 'inline',
    readModelWaitMs: vars.REDAKSI_READ_WAIT_MS ?? 2_000,
    maxAppendSizeBytes: vars.REDAKSI_MAX_APPEND_SIZE ?? 1024 ** 2,
    eventStoreRetryBudgetMs: vars.REDAKSI_EVENTSTORE_RETRY_MS ?? 5_000,
  });
}
