import type { Logger } from 'pino';
import type { EventFilter, EventStore } from '../event-store/event-store.port.js';
import { type FailureAction, type FollowedBatch, LogFollower, type RetryPolicy } from '../log-follower/log-follower.js';
import { type CommitResult, type GenerationWriter, ProjectionApplyError } from './generation-writer.js';
import type { Projection } from './projection.js';

export interface GenerationFollowerOptions {
  readonly store: EventStore;
  readonly logger: Logger;
  /** The generation to write to, asked before every subscription (a runner may have switched to a newer one). */
  writer(): GenerationWriter;
  readonly batchSize?: number;
  readonly clock?: () => Date;
  /** A building generation becomes active in the transaction that commits its catch-up. */
  readonly activateWhenCaughtUp: boolean;
  /** Rebuilds stop there; runners keep following live events. */
  readonly stopWhenCaughtUp: boolean;
  readonly retry?: RetryPolicy;
  onFailure?(error: unknown): FailureAction;
  readonly onCommitted?: (result: CommitResult, batch: FollowedBatch) => void;
}

/** Only the projection's own event types, matched exactly. */
export function eventFilterOf(projection: Projection): EventFilter {
  return { on: 'eventType', regex: `^(?:${projection.eventTypes.map(escapeRegex).join('|')})$` };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A log follower that writes a projection's batches into one generation, from the generation's
 * stored checkpoint. Every batch is checkpointed, even one with no events of ours: a checkpoint
 * message after every event read (`checkpointInterval: 1`) keeps the stored position at the head, so
 * read-your-writes can tell that a command whose events this projection ignores is already reflected.
 */
export function generationFollower(options: GenerationFollowerOptions): LogFollower {
  let writer = options.writer();
  let activate = options.activateWhenCaughtUp;
  const clock = options.clock ?? (() => new Date());
  return new LogFollower({
    name: `projection ${writer.projection.name}`,
    store: options.store,
    logger: options.logger,
    filter: eventFilterOf(writer.projection),
    checkpointInterval: 1,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    stopWhenCaughtUp: options.stopWhenCaughtUp,
    clock,
    from: () => {
      const next = options.writer();
      if (next !== writer) activate = options.activateWhenCaughtUp;
      writer = next;
      return writer.current()?.checkpoint ?? 'start';
    },
    handle: (batch) => {
      const result = writer.commit(batch, { activate: activate && batch.caughtUp, now: clock() });
      if (result.activated) activate = false;
      options.onCommitted?.(result, batch);
    },
    onFailure: (error) => options.onFailure?.(error) ?? 'retry',
    failureContext: (error) =>
      error instanceof ProjectionApplyError
        ? {
            projection: error.projection,
            eventId: error.event.id,
            eventType: error.event.type,
            streamId: error.event.streamId,
            position: String(error.event.position.commit),
          }
        : { projection: writer.projection.name, generation: writer.generation },
    retryMessage: 'Projection stopped; will follow the log again from its checkpoint (a failed event comes again)',
  });
}
