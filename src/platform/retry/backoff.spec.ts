import { parseRetryAfter, retryDelayMs } from './backoff.js';

describe('retry backoff', () => {
  const policy = { baseMs: 100, maxMs: 5_000 };

  test('doubles per attempt, between half and all of base·2^(n−1)', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const full = 100 * 2 ** (attempt - 1);
      expect(retryDelayMs(attempt, policy, undefined, () => 0)).toBe(full / 2);
      expect(retryDelayMs(attempt, policy, undefined, () => 0.999_999)).toBe(full);
    }
  });

  test('is capped', () => {
    expect(retryDelayMs(30, policy, undefined, () => 1)).toBe(5_000);
    expect(retryDelayMs(30, policy, undefined, () => 0)).toBe(2_500);
  });

  test("honours the receiver's Retry-After, up to the cap", () => {
    expect(retryDelayMs(1, policy, 2_000, () => 0)).toBe(2_000);
    expect(retryDelayMs(1, policy, 60_000, () => 0)).toBe(5_000);
    expect(retryDelayMs(5, policy, 10, () => 0)).toBe(800);
  });

  test('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2025-01-20T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Mon, 20 Jan 2025 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
