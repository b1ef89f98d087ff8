import type { RecordedEvent, Subscription, SubscriptionMessage } from '../../src/platform/event-store/event-store.port.js';

/** Resolves like `promise`, or rejects once `ms` have passed: a bug fails the test instead of hanging it. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Retries an assertion until it passes: category and correlation reads may lag behind appends on a server. */
export async function eventually<T>(attempt: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Pulls a subscription one message at a time, each pull bounded by a timeout, and keeps what it saw. */
export class SubscriptionProbe {
  readonly received: SubscriptionMessage[] = [];
  private readonly iterator: AsyncIterator<SubscriptionMessage>;

  constructor(
    readonly subscription: Subscription,
    private readonly waitMs: number,
  ) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  /** The next message; fails if the subscription ends or stays silent. */
  async next(): Promise<SubscriptionMessage> {
    const result = await this.pull();
    if (result.done) throw new Error('The subscription ended unexpectedly');
    return result.value;
  }

  pull(): Promise<IteratorResult<SubscriptionMessage>> {
    return within(this.iterator.next(), this.waitMs, 'a subscription message').then((result) => {
      if (!result.done) this.received.push(result.value);
      return result;
    });
  }

  /** Messages up to and including the first one that satisfies `done`. */
  async until(done: (message: SubscriptionMessage) => boolean): Promise<SubscriptionMessage[]> {
    const messages: SubscriptionMessage[] = [];
    for (;;) {
      const message = await this.next();
      messages.push(message);
      if (done(message)) return messages;
    }
  }

  untilCaughtUp(): Promise<SubscriptionMessage[]> {
    return this.until((m) => m.kind === 'caughtUp');
  }

  /** Reads until `count` events that pass `mine` arrived; returns those events. */
  async events(count: number, mine: (event: RecordedEvent) => boolean = () => true): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    while (found.length < count) {
      const message = await this.next();
      if (message.kind === 'event' && mine(message.event)) found.push(message.event);
    }
    return found;
  }

  close(): Promise<void> {
    return this.subscription.close();
  }
}

export function eventsOf(messages: readonly SubscriptionMessage[]): RecordedEvent[] {
  return messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
}
