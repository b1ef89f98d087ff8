import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import path from 'node:path';

/** A subscriber's signing secret as it is written to the log: AES-256-GCM under the instance key. */
export interface SealedSecret {
  readonly alg: 'A256GCM';
  /** First bytes of the key's SHA-256, so a wrong key is named as such instead of failing as garbage. */
  readonly keyId: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export const SECRET_KEY_FILE = 'webhook-secret.key';
export const SECRET_BOX = Symbol('SecretBox');

export class SecretKeyMismatchError extends Error {
  constructor(keyId: string, expected: string) {
    super(
      `A webhook secret was sealed with key ${keyId}, but this instance has key ${expected}: every instance needs the same REDAKSI_WEBHOOK_SECRET_KEY`,
    );
    this.name = 'SecretKeyMismatchError';
  }
}

/**
 * Seals subscriber secrets before they go into the event log and opens them again on every
 * instance that holds the same key. The log is replicated, backed up and read by every
 * projection, and can never be edited: a secret is only ever written there encrypted, and
 * destroying the key makes every sealed copy unreadable.
 */
export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error(`A webhook secret key has 32 bytes, not ${key.length}`);
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  seal(secret: string, associatedWith: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    // Bound to the subscriber: a sealed secret copied onto another subscriber does not open.
    cipher.setAAD(Buffer.from(associatedWith));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return {
      alg: 'A256GCM',
      keyId: this.keyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  open(sealed: SealedSecret, associatedWith: string): string {
    if (sealed.keyId !== this.keyId) throw new SecretKeyMismatchError(sealed.keyId, this.keyId);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedWith));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }
}

/**
 * The configured key, or else the one in `<data dir>/webhook-secret.key`, created (0600) on
 * first start. Instances on different machines must be given the same key in the environment.
 */
export function loadSecretKey(configured: Buffer | undefined, dataDir: string): Buffer {
  if (configured !== undefined) return configured;
  const file = path.join(dataDir, SECRET_KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  const key = parseSecretKey(readFileSync(file, 'utf8').trim());
  if (key === undefined) throw new Error(`${file} does not hold a key (32 bytes as base64 or hex)`);
  return key;
}

/** 32 bytes written as 64 hex digits or as base64; undefined for anything else. */
export function parseSecretKey(text: string): Buffer | undefined {
  const key = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text, 'base64')
      : undefined;
  return key?.length === 32 ? key : undefined;
}
