import { Refusal } from '../../kernel/refusal.js';
import { toProblem } from '../http/problem-mapping.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('opaque cursors', () => {
  it('round-trip the sort key', () => {
    const cursor = encodeCursor(['2025-01-21T06:00:00.000Z', '0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 2)).toEqual(['2025-01-21T06:00:00.000Z', '0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43']);
  });

  it.each([
    'not-a-cursor',
    encodeCursor(['only one']),
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('refuse %s as a 400 problem', (cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(Refusal);
    try {
      decodeCursor(cursor, 2);
    } catch (error) {
      expect(toProblem(error).problem).toMatchObject({ status: 400, type: 'https://redaksi.dev/problems/invalid-cursor' });
    }
  });
});
