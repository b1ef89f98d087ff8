import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import {
  generateStandardWebhookSecret,
  STANDARD_WEBHOOK_HEADERS,
  StandardWebhookSecretError,
  standardWebhookHeaders,
  standardWebhookKey,
  standardWebhookSignature,
} from './standard-signing.js';

// The receiving side is the `standardwebhooks` package, as an integrator would use it.
describe('Standard Webhooks signatures', () => {
  const secret = generateStandardWebhookSecret();
  const id = '3f0d7c1e-5b8a-5e2f-9c41-7a2b6d9e0f13';
  const body = JSON.stringify({ id, type: 'article.corrected', data: { headline: 'BPBD Tangsel Siagakan 14 Pompa Air 🌧️' } });
  const nowSeconds = () => Math.floor(Date.now() / 1_000);

  test('a receiver verifies what we sign and gets the payload back', () => {
    const headers = standardWebhookHeaders(secret, { id, timestampSeconds: nowSeconds(), body });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  test('the headers are webhook-id (the event id), webhook-timestamp (seconds) and one v1 signature', () => {
    const timestampSeconds = 1_737_429_160;
    const headers = standardWebhookHeaders(secret, { id, timestampSeconds, body });
    expect(Object.keys(headers)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(headers[STANDARD_WEBHOOK_HEADERS.id]).toBe(id);
    expect(headers[STANDARD_WEBHOOK_HEADERS.timestamp]).toBe('1737429160');
    expect(headers[STANDARD_WEBHOOK_HEADERS.signature]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    // The package signs `${id}.${timestamp}.${body}` with the decoded key: the same bytes as ours.
    expect(headers[STANDARD_WEBHOOK_HEADERS.signature]).toBe(new Webhook(secret).sign(id, new Date(timestampSeconds * 1_000), body));
  });

  test('a tampered body is refused', () => {
    const headers = standardWebhookHeaders(secret, { id, timestampSeconds: nowSeconds(), body });
    const tampered = body.replace('14 Pompa', '12 Pompa');
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow(WebhookVerificationError);
  });

  test('a changed id or timestamp is refused: both are signed', () => {
    const headers = standardWebhookHeaders(secret, { id, timestampSeconds: nowSeconds(), body });
    const receiver = new Webhook(secret);
    expect(() => receiver.verify(body, { ...headers, 'webhook-id': 'another-event' })).toThrow(WebhookVerificationError);
    const timestamp = String(Number(headers['webhook-timestamp']) - 1);
    expect(() => receiver.verify(body, { ...headers, 'webhook-timestamp': timestamp })).toThrow(WebhookVerificationError);
  });

  test('a request signed more than five minutes ago is refused (a replay)', () => {
    const headers = standardWebhookHeaders(secret, { id, timestampSeconds: nowSeconds() - 10 * 60, body });
    expect(() => new Webhook(secret).verify(body, headers)).toThrow('Message timestamp too old');
  });

  test('a request signed under another secret is refused', () => {
    const headers = standardWebhookHeaders(generateStandardWebhookSecret(), { id, timestampSeconds: nowSeconds(), body });
    expect(() => new Webhook(secret).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  test('during a rotation a request carries one signature per secret, and receivers holding either accept it', () => {
    const next = generateStandardWebhookSecret();
    const headers = standardWebhookHeaders([next, secret], { id, timestampSeconds: nowSeconds(), body });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(next).verify(body, headers)).toEqual(JSON.parse(body));
  });

  test('generates whsec_ secrets of 32 random bytes', () => {
    const generated = generateStandardWebhookSecret();
    expect(generated).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(standardWebhookKey(generated)).toHaveLength(32);
    expect(generateStandardWebhookSecret()).not.toBe(generated);
    expect(generateStandardWebhookSecret((size) => Buffer.alloc(size, 7))).toBe(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
  });

  test.each([
    ['no prefix', Buffer.alloc(32, 1).toString('base64'), 'starts with "whsec_"'],
    ['the Redaksi-Signature kind of secret', 'whsec_test_5f0c2b8e9d7a4e6f8a1b3c5d', 'standard base64'],
    ['nothing after the prefix', 'whsec_', 'standard base64'],
    ['a key too short', `whsec_${Buffer.alloc(16, 1).toString('base64')}`, 'this one holds 16'],
    ['a key too long', `whsec_${Buffer.alloc(65, 1).toString('base64')}`, 'this one holds 65'],
  ])('refuses a secret with %s', (_name, bad, message) => {
    expect(() => standardWebhookSignature(bad, { id, timestampSeconds: nowSeconds(), body })).toThrow(StandardWebhookSecretError);
    expect(() => standardWebhookKey(bad)).toThrow(message);
  });

  test.each(['whsec_test_5f0c2b8e9d7a4e6f8a1b3c5d', `whsec_${Buffer.alloc(16, 9).toString('base64')}`])(
    'never quotes a refused secret (%#)',
    (bad) => {
      expect(() => standardWebhookKey(bad)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(bad.slice(6)) }));
    },
  );

  test('refuses to sign with no secret', () => {
    expect(() => standardWebhookHeaders([], { id, timestampSeconds: nowSeconds(), body })).toThrow('at least one secret');
  });

  test.each([
    ['an empty id', { id: '', timestampSeconds: 1 }],
    ['an id with a line break', { id: 'a\r\nInjected: 1', timestampSeconds: 1 }],
    ['a fractional timestamp', { id, timestampSeconds: 1.5 }],
    ['a timestamp in milliseconds past 2^53', { id, timestampSeconds: 2 ** 53 }],
    ['a negative timestamp', { id, timestampSeconds: -1 }],
  ])('refuses to sign %s', (_name, message) => {
    expect(() => standardWebhookSignature(secret, { ...message, body })).toThrow(RangeError);
  });
});
