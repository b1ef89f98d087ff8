import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSecretKey, parseSecretKey, SECRET_KEY_FILE, SecretBox, SecretKeyMismatchError } from './secret-box.js';

describe('sealing subscriber secrets for the log', () => {
  const box = new SecretBox(randomBytes(32));

  test('a sealed secret opens with the same key and subscriber, and shows nothing of the secret', () => {
    const sealed = box.seal('whsec_abc123', 'sub-1');
    expect(JSON.stringify(sealed)).not.toContain('abc123');
    expect(box.open(sealed, 'sub-1')).toBe('whsec_abc123');
    expect(box.seal('whsec_abc123', 'sub-1').ciphertext).not.toBe(sealed.ciphertext);
  });

  test('another key is named as a key mismatch; another subscriber or a changed byte does not open', () => {
    const sealed = box.seal('whsec_abc123', 'sub-1');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'sub-1')).toThrow(SecretKeyMismatchError);
    expect(() => box.open(sealed, 'sub-2')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open({ ...sealed, ciphertext: flipped.toString('base64') }, 'sub-1')).toThrow();
  });

  test('keys are 32 bytes as hex or base64', () => {
    expect(parseSecretKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseSecretKey(randomBytes(32).toString('base64'))?.length).toBe(32);
    expect(parseSecretKey(randomBytes(32).toString('base64url'))?.length).toBe(32);
    expect(parseSecretKey('ab'.repeat(31))).toBeUndefined();
    expect(parseSecretKey('not a key')).toBeUndefined();
  });

  test('without a configured key, one is created in the data directory (owner only) and kept', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'redaksi-key-'));
    try {
      const first = loadSecretKey(undefined, dir);
      expect(loadSecretKey(undefined, dir).equals(first)).toBe(true);
      expect((await stat(path.join(dir, SECRET_KEY_FILE))).mode & 0o777).toBe(0o600);
      const configured = randomBytes(32);
      expect(loadSecretKey(configured, dir)).toBe(configured);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
