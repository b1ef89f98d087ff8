import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../articles/application/clock.js';
import type { CommandEnvelope } from '../../articles/application/command-envelope.js';
import { IdempotencyKeyReusedError } from '../../articles/application/command-errors.js';
import { nameBasedId } from '../../articles/application/deterministic-ids.js';
import { buildEventMetadata, readEventMetadata } from '../../articles/application/event-metadata.js';
import { WrongExpectedVersionError } from '../../event-store/errors.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import type { ContributorCommand } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { CONTRIBUTOR_EVENT_SCHEMA_VERSION } from '../domain/events.js';
import { fold } from '../domain/evolve.js';
import type { ContributorState } from '../domain/state.js';
import { ConcurrentContributorModificationError, StaleContributorRevisionError } from './command-errors.js';
import { contributorStreamName, readContributorStream, toContributorEvent, toEventData } from './contributor-stream.js';

export interface ExecutedContributorCommand {
  readonly contributorId: string;
  /** The contributor after the command (or after the original, on a replay). */
  readonly state: ContributorState;
  /** Stream revision after the command (also the ETag). */
  readonly revision: bigint;
  /** Commit position of the last event written, or of the stream's last on a no-op (X-Event-Position). */
  readonly position: bigint;
  /** True when the result was replayed for a repeated Idempotency-Key. */
  readonly replayed: boolean;
  /** True when this command (or the original it replays) created the profile: PUT answers 201. */
  readonly created: boolean;
}

/**
 * Event ids derive from the command id *and the stream*. The command id alone comes from the
 * caller and their Idempotency-Key, so a client reusing a key on two contributors would
 * otherwise put the same event id into two streams, and a reader that deduplicates by event id
 * would drop one of them.
 */
export function contributorEventId(contributorId: string, commandId: string, index: number): string {
  return nameBasedId('event', contributorStreamName(contributorId), commandId, String(index));
}

/**
 * Read the stream, decide, append with the revision that was read. Nothing is published
 * in-process: the publishing projection follows the log.
 */
@Injectable()
export class ContributorCommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    contributorId: string,
    command: ContributorCommand,
    envelope: CommandEnvelope,
  ): Promise<ExecutedContributorCommand> {
    const recorded = await readContributorStream(this.store, contributorId);
    const replay = replayOf(contributorId, recorded, envelope);
    if (replay !== undefined) return replay;

    const last = recorded.at(-1);
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== last?.revision) {
      throw new StaleContributorRevisionError(contributorId, envelope.expectedRevision, last?.revision);
    }

    const state = fold(recorded.map(toContributorEvent));
    const now = this.clock();
    const events = decide(state, command, { actor: envelope.actor, now });
    if (events.length === 0 && state !== null && last !== undefined) {
      const position = last.position.commit;
      return { contributorId, state, revision: last.revision, position, replayed: false, created: false };
    }

    const data = events.map((event, index) =>
      toEventData(
        event,
        contributorEventId(contributorId, envelope.commandId, index),
        buildEventMetadata(envelope, command.type, now, CONTRIBUTOR_EVENT_SCHEMA_VERSION[event.type]),
      ),
    );
    try {
      const appended = await this.store.appendToStream(contributorStreamName(contributorId), data, {
        expectedRevision: last?.revision ?? 'no_stream',
      });
      const after = fold(events, state);
      if (after === null) throw new Error(`${command.type} on contributor ${contributorId} left no contributor`);
      return {
        contributorId,
        state: after,
        revision: appended.nextExpectedRevision,
        position: appended.position.commit,
        replayed: false,
        created: state === null,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Never re-decide silently: the decision was made on what this request saw.
      if (envelope.expectedRevision !== undefined) {
        const actual = error.actual === 'no_stream' ? undefined : error.actual;
        throw new StaleContributorRevisionError(contributorId, envelope.expectedRevision, actual);
      }
      throw new ConcurrentContributorModificationError(contributorId, error.actual);
    }
  }
}

/** A command already in the stream (same command id) is answered from the stream, not run again. */
function replayOf(
  contributorId: string,
  recorded: readonly RecordedEvent[],
  envelope: CommandEnvelope,
): ExecutedContributorCommand | undefined {
  if (envelope.idempotencyKey === undefined) return undefined;
  const lastIndex = recorded.findLastIndex((event) => readEventMetadata(event).commandId === envelope.commandId);
  if (lastIndex < 0) return undefined;
  const original = recorded[lastIndex]!;
  if (readEventMetadata(original).requestHash !== envelope.requestHash) {
    throw new IdempotencyKeyReusedError(envelope.idempotencyKey);
  }
  const state = fold(recorded.slice(0, lastIndex + 1).map(toContributorEvent));
  if (state === null) throw new Error(`Stream of contributor ${contributorId} folds to nothing`);
  const revision = original.revision;
  return { contributorId, state, revision, position: original.position.commit, replayed: true, created: revision === 0n };
}
