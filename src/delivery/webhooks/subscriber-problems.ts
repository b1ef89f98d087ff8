import { ProblemException } from '../../platform/http/problem.js';
import { LedgerBehindError } from './ledger/webhook-ledger.js';

export function subscriberNotFound(id: string): ProblemException {
  return new ProblemException({ status: 404, type: 'subscriber-not-found', title: 'Subscriber not found', detail: `No subscriber ${id}.` });
}

export function deliveryNotFound(id: string): ProblemException {
  return new ProblemException({
    status: 404,
    type: 'delivery-not-found',
    title: 'Delivery not found',
    detail: `No delivery ${id} for this subscriber.`,
  });
}

/** A field that passed the DTO's checks but not ours, reported like the validation pipe reports. */
export function invalidField(field: string, message: string): ProblemException {
  return new ProblemException({
    status: 400,
    type: 'validation-failed',
    title: 'Invalid request',
    detail: `Invalid value for ${field}: ${message}.`,
    extensions: { errors: [{ field, messages: [message] }] },
  });
}

/**
 * Waits for an admin's write to the webhook ledger. If this instance's fold does not show it in
 * time, the answer is 503 saying so: the change is in the log and takes effect, but this
 * instance cannot show it yet.
 */
export async function ledgerWrite<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!(error instanceof LedgerBehindError)) throw error;
    throw new ProblemException({
      status: 503,
      type: 'webhook-ledger-behind',
      title: 'Webhook ledger behind',
      detail: `${error.message}.`,
      headers: { 'Retry-After': '5' },
      cause: error,
    });
  }
}
