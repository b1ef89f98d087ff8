import { invalidFields, Refusal } from '../../kernel/refusal.js';

export class SubscriberNotFoundError extends Refusal {
  constructor(id: string) {
    super('not_found', 'subscriber_not_found', `No subscriber ${id}.`, { title: 'Subscriber not found' });
  }
}

export class DeliveryNotFoundError extends Refusal {
  constructor(id: string) {
    super('not_found', 'delivery_not_found', `No delivery ${id} for this subscriber.`, { title: 'Delivery not found' });
  }
}

export class DeliveryNotParkedError extends Refusal {
  constructor(id: string) {
    super('conflict', 'delivery_not_parked', `Delivery ${id} is not parked; only parked deliveries can be re-driven.`, {
      title: 'Delivery not parked',
    });
  }
}

/** A field that passed the DTO's checks but not ours, reported like the validation pipe reports. */
export function invalidField(field: string, message: string): Refusal {
  return invalidFields([{ path: field, message }], `Invalid value for ${field}: ${message}.`);
}
