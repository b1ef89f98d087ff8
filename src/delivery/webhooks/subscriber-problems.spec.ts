import { toProblem } from '../../platform/http/problem-mapping.js';
import { LedgerBehindError } from './ledger/webhook-ledger.js';
import { DeliveryNotParkedError, invalidField, SubscriberNotFoundError } from './subscriber-problems.js';

describe('an admin write to the webhook ledger', () => {
  test('that this instance cannot show in time is a 503 saying so, with Retry-After', () => {
    const { problem, headers } = toProblem(new LedgerBehindError(10_000));
    expect(problem).toMatchObject({
      status: 503,
      type: expect.stringContaining('webhook-ledger-behind'),
      title: 'Webhook ledger behind',
      detail: expect.stringContaining('has not folded it within 10000 ms'),
    });
    expect(headers).toEqual({ 'Retry-After': '5' });
  });
});

describe('the subscriber API refuses', () => {
  test('an unknown subscriber with 404 subscriber-not-found', () => {
    expect(toProblem(new SubscriberNotFoundError('s-1')).problem).toEqual({
      type: 'https://redaksi.dev/problems/subscriber-not-found',
      title: 'Subscriber not found',
      status: 404,
      detail: 'No subscriber s-1.',
    });
  });

  test('a re-drive of a delivery that is not parked with 409', () => {
    expect(toProblem(new DeliveryNotParkedError('d-1')).problem).toMatchObject({
      status: 409,
      type: expect.stringContaining('delivery-not-parked'),
    });
  });

  test('a field our own checks refuse like the validation pipe does', () => {
    expect(toProblem(invalidField('url', 'must be https')).problem).toEqual({
      type: 'https://redaksi.dev/problems/validation-failed',
      title: 'Invalid request',
      status: 400,
      detail: 'Invalid value for url: must be https.',
      errors: [{ field: 'url', messages: ['must be https'] }],
    });
  });
});
