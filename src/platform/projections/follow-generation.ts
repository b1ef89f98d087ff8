import type { EventFilter, EventStore, Subscription } from '../event-store/event-store.port.js';
import type { CommitResult, GenerationWriter } from './generation-writer.js';
import type { Projection } from './projection.js';
import { batchesOf, type PulledBatch } from './subscription-batches.js';

export const DEFAULT_BATCH_SIZE = 500;

export interface FollowOptions {
  readonly store: EventStore;
  readonly writer: GenerationWriter;
  readonly batchSize?: number;
  readonly clock?: () => Date;
  /** A building generation becomes active in the transaction that commits its catch-up. */
  readonly activateWhenCaughtUp: boolean;
  /** Rebuilds stop there; runners keep following live events. */
  readonly stopWhenCaughtUp: boolean;
  /** Hands out the subscription so that a runner can close it to stop. */
  readonly onSubscribed?: (subscription: Subscription) => void;
  readonly onCommitted?: (result: CommitResult, batch: PulledBatch) => void;
}

/** Only the projection's own event types, matched exactly. */
export function eventFilterOf(projection: Projection): EventFilter {
  return { on: 'eventType', regex: `^(?:${projection.eventTypes.map(escapeRegex).join('|')})$` };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Subscribes from the generation's stored checkpoint and commits batch after batch. Every batch is
 * checkpointed, even one with no events of ours: a checkpoint message after every event read
 * (`checkpointInterval: 1`) keeps the stored position at the head, so read-your-writes can tell that a
 * command whose events this projection ignores is already reflected.
 * Returns true when it stopped because it caught up, false when the subscription ended (it was closed).
 */
export async function followGeneration(options: FollowOptions): Promise<boolean> {
  const { store, writer } = options;
  const clock = options.clock ?? (() => new Date());
  const start = writer.current()?.checkpoint;
  const subscription = store.subscribeToAll({
    fromPosition: start ?? 'start',
    filter: eventFilterOf(writer.projection),
    checkpointInterval: 1,
  });
  options.onSubscribed?.(subscription);
  let activate = options.activateWhenCaughtUp;
  try {
    for await (const batch of batchesOf(subscription, options.batchSize ?? DEFAULT_BATCH_SIZE)) {
      const result = writer.commit(batch, { activate: activate && batch.caughtUp, now: clock() });
      if (result.activated) activate = false;
      options.onCommitted?.(result, batch);
      if (batch.caughtUp && options.stopWhenCaughtUp) return true;
    }
    return false;
  } finally {
    await subscription.close();
  }
}
