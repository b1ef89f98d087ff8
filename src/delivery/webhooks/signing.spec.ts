import { createHmac } from 'node:crypto';
import { computeSignature, signatureHeader, verifySignature } from './signing.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test_5f0c2b8e9d7a4e6f8a1b3c5d';
  const body = JSON.stringify({ id: 'e1', type: 'article.published', data: { headline: 'Banjir Jakarta' } });
  const t = 1_737_334_800;

  test('is HMAC-SHA256 over `${t}.${body}`, hex, in a t=…,v1=… header', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(computeSignature(secret, t, body)).toBe(expected);
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  test('verifies within the replay window', () => {
    expect(verifySignature(signatureHeader(secret, t, body), body, secret, t + 299)).toEqual({ valid: true, timestamp: t });
    expect(verifySignature(signatureHeader(secret, t, body), body, secret, t - 299)).toEqual({ valid: true, timestamp: t });
  });

  test.each<[string, string | undefined, string, string, number]>([
    ['an old request', signatureHeader(secret, t, body), body, secret, t + 301],
    ['a changed body', signatureHeader(secret, t, body), body.replace('Jakarta', 'Bogor'), secret, t],
    ['another secret', signatureHeader('whsec_other_secret_0000000000', t, body), body, secret, t],
    ['a changed timestamp', signatureHeader(secret, t, body).replace(`t=${t}`, `t=${t + 1}`), body, secret, t],
    ['no header', undefined, body, secret, t],
    ['garbage', 'v1=zz', body, secret, t],
  ])('rejects %s', (_name, header, received, key, now) => {
    expect(verifySignature(header, received, key, now).valid).toBe(false);
  });

  test('accepts any one of several v1 signatures (a secret rotation)', () => {
    const header = `t=${t},v1=${computeSignature('old-secret-000000000000000', t, body)},v1=${computeSignature(secret, t, body)}`;
    expect(verifySignature(header, body, secret, t).valid).toBe(true);
  });
});
