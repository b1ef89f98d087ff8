import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signatures (www.standardwebhooks.com), for receivers that verify with one of
 * that specification's libraries instead of code written for `Redaksi-Signature`:
 *
 *   webhook-id:        the public event id (stable across retries and replays: receivers dedupe on it)
 *   webhook-timestamp: unix seconds of this attempt
 *   webhook-signature: v1,<base64 HMAC-SHA256(key, `${id}.${timestamp}.${body}`)>
 *
 * The key is the bytes behind a `whsec_<base64>` secret, not the secret's text (unlike
 * `Redaksi-Signature`, which keys the HMAC with the secret string itself). Several signatures,
 * space-separated, let a receiver accept either key while a subscriber's secret is rotated.
 */
export const STANDARD_WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

export const STANDARD_WEBHOOK_SECRET_PREFIX = 'whsec_';

/** The specification asks for keys of 24 to 64 bytes; 32 is what it suggests generating. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const GENERATED_KEY_BYTES = 32;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// The id travels in a header and is the first part of the signed text: printable ASCII, no spaces.
const MESSAGE_ID = /^[\x21-\x7e]{1,256}$/;

export class StandardWebhookSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StandardWebhookSecretError';
  }
}

/** A new subscriber secret: `whsec_` and the base64 of 32 random bytes. */
export function generateStandardWebhookSecret(random: (size: number) => Buffer = randomBytes): string {
  return `${STANDARD_WEBHOOK_SECRET_PREFIX}${random(GENERATED_KEY_BYTES).toString('base64')}`;
}

/**
 * The key bytes of a `whsec_` secret. Refuses anything else with a message that never quotes the
 * secret, so a subscriber registration can answer 400 with it.
 */
export function standardWebhookKey(secret: string): Buffer {
  if (!secret.startsWith(STANDARD_WEBHOOK_SECRET_PREFIX)) {
    throw new StandardWebhookSecretError(`A Standard Webhooks secret starts with "${STANDARD_WEBHOOK_SECRET_PREFIX}"`);
  }
  const encoded = secret.slice(STANDARD_WEBHOOK_SECRET_PREFIX.length);
  if (encoded === '' || !BASE64.test(encoded)) {
    throw new StandardWebhookSecretError(
      `After "${STANDARD_WEBHOOK_SECRET_PREFIX}" a Standard Webhooks secret is standard base64 (A-Z a-z 0-9 + /, padded with =)`,
    );
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw new StandardWebhookSecretError(
      `A Standard Webhooks secret holds ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes of key; this one holds ${key.length}`,
    );
  }
  return key;
}

export interface StandardWebhookMessage {
  /** The public event id. */
  readonly id: string;
  /** Unix seconds of this attempt (sign every retry afresh, so it stays in the receiver's window). */
  readonly timestampSeconds: number;
  /** Exactly the bytes sent as the request body. */
  readonly body: string;
}

export type StandardWebhookHeaders = Readonly<Record<(typeof STANDARD_WEBHOOK_HEADERS)[keyof typeof STANDARD_WEBHOOK_HEADERS], string>>;

/** One `v1,<base64>` signature of a message under one secret. */
export function standardWebhookSignature(secret: string, message: StandardWebhookMessage): string {
  checkMessage(message);
  const signed = `${message.id}.${message.timestampSeconds}.${message.body}`;
  return `v1,${createHmac('sha256', standardWebhookKey(secret)).update(signed, 'utf8').digest('base64')}`;
}

/**
 * The three headers of a signed request. Pass the current secret, or during a rotation the new
 * one and the old one: the request then carries a signature for each.
 */
export function standardWebhookHeaders(secrets: string | readonly string[], message: StandardWebhookMessage): StandardWebhookHeaders {
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  if (all.length === 0) throw new StandardWebhookSecretError('A Standard Webhooks request needs at least one secret to sign with');
  return {
    [STANDARD_WEBHOOK_HEADERS.id]: message.id,
    [STANDARD_WEBHOOK_HEADERS.timestamp]: String(message.timestampSeconds),
    [STANDARD_WEBHOOK_HEADERS.signature]: all.map((secret) => standardWebhookSignature(secret, message)).join(' '),
  };
}

function checkMessage(message: StandardWebhookMessage): void {
  if (!MESSAGE_ID.test(message.id)) {
    throw new RangeError('A Standard Webhooks message id is 1 to 256 printable ASCII characters without spaces');
  }
  if (!Number.isSafeInteger(message.timestampSeconds) || message.timestampSeconds < 0) {
    throw new RangeError(`A Standard Webhooks timestamp is whole unix seconds, not ${message.timestampSeconds}`);
  }
}
