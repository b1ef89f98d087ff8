import type { Position, RecordedEvent, Subscription, SubscriptionMessage } from '../event-store/event-store.port.js';

/** What a follower hands its handler: the events read since the last batch, and how far it has read. */
export interface FollowedBatch {
  readonly events: readonly RecordedEvent[];
  /** The furthest position read: the last event's, or a later checkpoint past filtered-out events. */
  readonly position: Position | undefined;
  /** The subscription has delivered the history it had when it started; live events follow. */
  readonly caughtUp: boolean;
}

const NOT_READY = Symbol('not ready');

/**
 * Resolves with the message if it is already there (buffered), else with NOT_READY on the next macrotask.
 * All checks of one turn of the event loop share one setImmediate, and a check that resolves with its
 * message stops listening for the turn: while a store keeps answering from microtasks (a long catch-up),
 * neither timers nor listeners holding delivered messages may pile up until the loop turns.
 */
function readinessCheck(): <T>(promise: Promise<T>) => Promise<T | typeof NOT_READY> {
  let waiting = new Set<() => void>();
  let scheduled = false;
  const turn = (): void => {
    scheduled = false;
    const due = waiting;
    waiting = new Set();
    for (const notReady of due) notReady();
  };
  return <T>(promise: Promise<T>) =>
    new Promise<T | typeof NOT_READY>((resolve, reject) => {
      const notReady = (): void => resolve(NOT_READY);
      waiting.add(notReady);
      if (!scheduled) {
        scheduled = true;
        setImmediate(turn);
      }
      promise.then(
        (value) => {
          waiting.delete(notReady);
          resolve(value);
        },
        (error: unknown) => {
          waiting.delete(notReady);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
}

/**
 * Groups a subscription's messages into batches: up to `maxEvents` while messages keep coming (catch-up),
 * and whatever is there as soon as the subscription has to wait (live), so a live event is committed at
 * once instead of waiting for company. A checkpoint message counts too: committing it moves the stored
 * position past events the filter left out, which is what read-your-writes waits for.
 */
export async function* batchesOf(subscription: Subscription, maxEvents: number): AsyncGenerator<FollowedBatch, void, undefined> {
  const iterator = subscription[Symbol.asyncIterator]();
  const ifReady = readinessCheck();
  let events: RecordedEvent[] = [];
  let position: Position | undefined;
  let moved = false;
  // A pull may fail while the consumer is busy between batches; it is awaited (and thrown) at the next
  // turn, so the rejection must not count as unhandled meanwhile.
  const pull = (): Promise<IteratorResult<SubscriptionMessage>> => {
    const next = iterator.next();
    next.catch(() => undefined);
    return next;
  };
  let pending = pull();
  const take = (caughtUp: boolean): FollowedBatch => {
    const batch = { events, position, caughtUp };
    events = [];
    moved = false;
    return batch;
  };
  for (;;) {
    const result = moved ? await ifReady(pending) : await pending;
    if (result === NOT_READY) {
      yield take(false);
      continue;
    }
    if (result.done) {
      if (moved) yield take(false);
      return;
    }
    pending = pull();
    const message: SubscriptionMessage = result.value;
    switch (message.kind) {
      case 'event':
        events.push(message.event);
        position = message.event.position;
        moved = true;
        if (events.length >= maxEvents) yield take(false);
        break;
      case 'checkpoint':
        position = message.position;
        moved = true;
        break;
      case 'caughtUp':
        yield take(true);
        break;
    }
  }
}
