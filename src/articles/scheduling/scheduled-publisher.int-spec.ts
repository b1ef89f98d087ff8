import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { EventStoreUnavailableError } from '../../platform/event-store/errors.js';
import type {
  EventStore,
  Position,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from '../../platform/event-store/event-store.port.js';
import { ScheduledPublisher } from './scheduled-publisher.js';

const ARTICLE = '0b7c3f2e-5d41-4a8e-9c6b-1f2a3b4c5d6e';
const at = (commit: number): Position => ({ commit: BigInt(commit), prepare: BigInt(commit) });
const scheduled = (commit: number): RecordedEvent =>
  ({
    id: `00000000-0000-4000-8000-${String(commit).padStart(12, '0')}`,
    streamId: `article-${ARTICLE}`,
    type: 'ArticleScheduled',
    revision: 3n,
    position: at(commit),
    data: { publishAt: '2030-01-01T06:00:00.000Z' },
    metadata: {},
    contentType: 'application/json',
    created: new Date(),
  }) as unknown as RecordedEvent;

/** A subscription that yields the messages, then fails (as when the event store stays away) or ends. */
function subscription(messages: readonly SubscriptionMessage[], fail: boolean): Subscription {
  let closed: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => (closed = resolve));
  return {
    async *[Symbol.asyncIterator]() {
      for (const message of messages) yield await Promise.resolve(message);
      if (fail) throw new EventStoreUnavailableError('EventStoreDB unavailable: the test said so');
      await closing; // live, nothing more until closed
    },
    close: () => {
      closed();
      return Promise.resolve();
    },
  };
}

/**
 * The scheduler must not stop watching schedules when it loses the log: it follows it again,
 * with backoff, from the last position it read, keeping what it knew.
 */
describe('the scheduler after losing the log', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  test('follows the log again from where it was, and knows the schedules from before and after', async () => {
    const calls: SubscribeToAllOptions[] = [];
    const store = {
      subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
        calls.push(options);
        return calls.length === 1
          ? subscription(
              [
                { kind: 'checkpoint', position: at(5) },
                { kind: 'event', event: scheduled(7) },
              ],
              true,
            )
          : subscription([{ kind: 'caughtUp' }], false);
      },
    } as unknown as EventStore;
    const publisher = new ScheduledPublisher(
      store,
      () => new Date('2029-12-31T00:00:00.000Z'),
      { enabled: true, tickMs: 60_000 },
      {} as CommandBus,
    );
    publisher.onApplicationBootstrap();
    try {
      await publisher.whenCaughtUp();
      expect(calls.map((options) => options.fromPosition)).toEqual(['start', at(7)]);
      expect([...publisher.pending().keys()]).toEqual([ARTICLE]);
    } finally {
      await publisher.beforeApplicationShutdown();
    }
  }, 10_000);
});
