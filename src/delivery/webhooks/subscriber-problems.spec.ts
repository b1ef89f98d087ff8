import { ProblemException } from '../../platform/http/problem.js';
import { LedgerBehindError } from './ledger/webhook-ledger.js';
import { ledgerWrite } from './subscriber-problems.js';

describe('an admin write to the webhook ledger', () => {
  test('that this instance cannot show in time is a 503 saying so, with Retry-After', async () => {
    const answer = await ledgerWrite(Promise.reject(new LedgerBehindError(10_000))).catch((error: unknown) => error);
    expect(answer).toBeInstanceOf(ProblemException);
    const { problem, headers } = answer as ProblemException;
    expect(problem).toMatchObject({
      status: 503,
      type: expect.stringContaining('webhook-ledger-behind'),
      detail: expect.stringContaining('has not folded it within 10000 ms'),
    });
    expect(headers).toEqual({ 'Retry-After': '5' });
  });

  test('passes its result and any other error through', async () => {
    await expect(ledgerWrite(Promise.resolve(7))).resolves.toBe(7);
    await expect(ledgerWrite(Promise.reject(new TypeError('boom')))).rejects.toBeInstanceOf(TypeError);
  });
});
