import { ProblemException } from '../../http/problem.js';

export function subscriberNotFound(id: string): ProblemException {
  return new ProblemException({ status: 404, type: 'subscriber-not-found', title: 'Subscriber not found', detail: `No subscriber ${id}.` });
}

export function deliveryNotFound(id: string): ProblemException {
  return new ProblemException({ status: 404, type: 'delivery-not-found', title: 'Delivery not found', detail: `No delivery ${id} for this subscriber.` });
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
