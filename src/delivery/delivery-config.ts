import { z } from 'zod';
import { ConfigError, type Env } from '../platform/config/index.js';
import { parseSecretKey } from './webhooks/ledger/secret-box.js';

/**
 * Delivery's own settings. They are read from the environment beside the app's configuration
 * (src/config) and can be overridden in code, which is how tests make backoffs and heartbeats
 * take milliseconds instead of seconds.
 */
export interface DeliveryConfig {
  readonly feed: {
    readonly defaultLimit: number;
    readonly maxLimit: number;
    /** Internal events one page may read past before it answers, so a page never takes unbounded time. */
    readonly scanLimit: number;
  };
  readonly stream: {
    readonly heartbeatMs: number;
    /** A client whose socket stays full this long is disconnected. */
    readonly drainTimeoutMs: number;
    /** A client with more than this queued in its response is disconnected. */
    readonly maxBufferedBytes: number;
  };
  readonly webhooks: {
    /** Off: subscribers can be managed, nothing is delivered (e.g. on a second instance). */
    readonly enabled: boolean;
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    readonly backoffBaseMs: number;
    readonly backoffMaxMs: number;
    /** Articles delivered at the same time per subscriber; one article is always one at a time. */
    readonly concurrency: number;
    /** Undelivered (not parked) deliveries a subscriber may have before the worker stops reading the log. */
    readonly maxPending: number;
    /** Delivered and superseded deliveries kept in each subscriber's log. */
    readonly logRetention: number;
    /** Loopback and private-network targets (tests, on-premises receivers). */
    readonly allowPrivateUrls: boolean;
    /**
     * Who may deliver for a subscriber: `process` (this process; one API process per event
     * store) or `log` (a lease in the event log, for several processes sharing one store; the
     * default on EventStoreDB).
     */
    readonly lease: 'process' | 'log';
    readonly leaseTtlMs: number;
    /** How long a write to the webhook ledger waits for this instance's fold to include it. */
    readonly ledgerWaitMs: number;
    /**
     * Seals subscriber secrets in the log (32 bytes). Unset: a key file in the data directory.
     * Every instance sharing one event store needs the same key; one with another key says so
     * in /health and delivers nothing.
     */
    readonly secretKey?: Buffer;
  };
}

export interface DeliveryOptions {
  readonly feed?: Partial<DeliveryConfig['feed']>;
  readonly stream?: Partial<DeliveryConfig['stream']>;
  readonly webhooks?: Partial<DeliveryConfig['webhooks']>;
}

export const DELIVERY_CONFIG = Symbol('DeliveryConfig');

export const DEFAULT_DELIVERY_CONFIG: DeliveryConfig = {
  feed: { defaultLimit: 100, maxLimit: 500, scanLimit: 5_000 },
  stream: { heartbeatMs: 15_000, drainTimeoutMs: 10_000, maxBufferedBytes: 8 * 1024 ** 2 },
  webhooks: {
    enabled: true,
    timeoutMs: 10_000,
    maxAttempts: 12,
    backoffBaseMs: 1_000,
    backoffMaxMs: 10 * 60_000,
    concurrency: 4,
    maxPending: 1_000,
    logRetention: 10_000,
    allowPrivateUrls: false,
    lease: 'process',
    leaseTtlMs: 30_000,
    ledgerWaitMs: 10_000,
  },
};

const VARIABLES = {
  REDAKSI_SSE_HEARTBEAT_MS: ['stream', 'heartbeatMs'],
  REDAKSI_SSE_DRAIN_TIMEOUT_MS: ['stream', 'drainTimeoutMs'],
  REDAKSI_SSE_MAX_BUFFERED_BYTES: ['stream', 'maxBufferedBytes'],
  REDAKSI_WEBHOOKS_ENABLED: ['webhooks', 'enabled'],
  REDAKSI_WEBHOOK_TIMEOUT_MS: ['webhooks', 'timeoutMs'],
  REDAKSI_WEBHOOK_MAX_ATTEMPTS: ['webhooks', 'maxAttempts'],
  REDAKSI_WEBHOOK_BACKOFF_BASE_MS: ['webhooks', 'backoffBaseMs'],
  REDAKSI_WEBHOOK_BACKOFF_MAX_MS: ['webhooks', 'backoffMaxMs'],
  REDAKSI_WEBHOOK_CONCURRENCY: ['webhooks', 'concurrency'],
  REDAKSI_WEBHOOK_ALLOW_PRIVATE_URLS: ['webhooks', 'allowPrivateUrls'],
  REDAKSI_WEBHOOK_LEASE: ['webhooks', 'lease'],
  REDAKSI_WEBHOOK_LEASE_TTL_MS: ['webhooks', 'leaseTtlMs'],
  REDAKSI_WEBHOOK_SECRET_KEY: ['webhooks', 'secretKey'],
} as const;

const positiveInt = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(1));
const flag = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0']))
  .transform((s) => s === 'true' || s === '1');
const leaseKind = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(['process', 'log']));

const secretKey = z
  .string()
  .transform((s) => parseSecretKey(s.trim()))
  .pipe(z.instanceof(Buffer));

const PARSERS: Readonly<Record<string, { schema: z.ZodType; expected: string }>> = {
  enabled: { schema: flag, expected: 'true or false' },
  allowPrivateUrls: { schema: flag, expected: 'true or false' },
  lease: { schema: leaseKind, expected: 'process or log' },
  secretKey: { schema: secretKey, expected: '32 random bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)' },
};
const POSITIVE = { schema: positiveInt, expected: 'a positive integer' };

/** The environment's settings over the defaults, then the overrides; throws a ConfigError naming every bad variable. */
export function loadDeliveryConfig(env: Env, overrides: DeliveryOptions = {}): DeliveryConfig {
  const problems: string[] = [];
  const fromEnv: Record<keyof DeliveryConfig, Record<string, unknown>> = { feed: {}, stream: {}, webhooks: {} };
  for (const [name, [section, key]] of Object.entries(VARIABLES)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const parser = PARSERS[key] ?? POSITIVE;
    const parsed = parser.schema.safeParse(raw);
    if (parsed.success) fromEnv[section][key] = parsed.data;
    // A key is a secret: its value never goes into an error message or a log.
    else problems.push(`${name}=${key === 'secretKey' ? '<hidden>' : JSON.stringify(raw)}: expected ${parser.expected}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // On EventStoreDB there may be other instances (that is what it is for): only one may deliver.
  const lease = env.EVENTSTORE_CONNECTION_STRING === undefined || env.EVENTSTORE_CONNECTION_STRING === '' ? 'process' : 'log';
  const config: DeliveryConfig = {
    feed: { ...DEFAULT_DELIVERY_CONFIG.feed, ...fromEnv.feed, ...overrides.feed },
    stream: { ...DEFAULT_DELIVERY_CONFIG.stream, ...fromEnv.stream, ...overrides.stream },
    webhooks: { ...DEFAULT_DELIVERY_CONFIG.webhooks, lease, ...fromEnv.webhooks, ...overrides.webhooks },
  };
  if (config.webhooks.backoffMaxMs < config.webhooks.backoffBaseMs) {
    throw new ConfigError(['REDAKSI_WEBHOOK_BACKOFF_MAX_MS must not be below REDAKSI_WEBHOOK_BACKOFF_BASE_MS']);
  }
  return config;
}
