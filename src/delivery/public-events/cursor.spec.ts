import { decodeCursor, encodeCursor } from './cursor.js';

describe('feed cursors', () => {
  test('round-trip any position, including ones beyond 2^53', () => {
    for (const position of [
      { commit: 0n, prepare: 0n },
      { commit: 42n, prepare: 42n },
      { commit: 18_446_744_073_709_551_615n, prepare: 18_446_744_073_709_551_000n },
    ]) {
      const cursor = encodeCursor(position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).toEqual(position);
    }
  });

  test.each([
    '',
    'abc',
    '42',
    'cDE6MTI=',
    encodeCursor({ commit: 1n, prepare: 1n }) + '!',
    Buffer.from('p1:1:x').toString('base64url'),
    Buffer.from('p1:1:2:3').toString('base64url'),
    Buffer.from('p2:1:2').toString('base64url'),
  ])('reject %p', (cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
