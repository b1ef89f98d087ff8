import { Inject, Injectable, Logger } from '@nestjs/common';
import { chainTipAfter, sealEvents } from '../../kernel/hash-chain.js';
import { WrongExpectedVersionError } from '../event-store/errors.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { readStreamOrEmpty } from '../event-store/read-stream.js';
import { CLOCK, type Clock } from '../../kernel/clock.js';
import type { CommandEnvelope } from './command-envelope.js';
import { type CommandTarget, ConcurrentModificationError, StaleRevisionError } from './command-errors.js';
import type { CommandStream } from './command-stream.js';
import { DENIED_COMMAND_LOG, type DeniedCommand, type DeniedCommandLog } from './denied-commands.js';
import { eventIdFor } from '../../kernel/ids.js';
import type { Message } from '../../kernel/decider.js';
import type { StreamDecoder } from '../../kernel/event-decoder.js';
import { isRuleViolation } from '../../kernel/rule-violation.js';
import { buildEventMetadata, toEventData } from './event-metadata.js';
import type { ExecutedCommand } from './executed-command.js';
import { foldRecorded, replayOf } from './replay.js';

/** Builds the domain command once the current state is known (e.g. to reserve a slug). */
export type CommandBuilder<State, Command> = (state: State | null) => Command | Promise<Command>;

/**
 * Runs only once the domain has accepted the command, before anything is appended: the place to
 * claim something outside the stream (a unique slug) that a refused command must never claim.
 * The command it returns is decided again, so the domain still has the last word.
 */
export type CommandConfirmation<State, Command> = (state: State | null, command: Command) => Command | Promise<Command>;

/**
 * The one shape every command handler has: read the stream, answer a repeated command from
 * the stream, check If-Match, decide, append with the revision that was read. Appended events
 * are sealed into the stream's hash chain; refusals for authorization are written to the
 * denial log before the refusal goes back to the caller. Nothing is published in-process:
 * downstream readers follow the log.
 */
@Injectable()
export class StreamCommandExecutor {
  private readonly logger = new Logger(StreamCommandExecutor.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DENIED_COMMAND_LOG) private readonly denials: DeniedCommandLog,
  ) {}

  async execute<State, Command extends Message, Event extends Message>(
    stream: CommandStream<State, Command, Event>,
    id: string,
    envelope: CommandEnvelope,
    build: CommandBuilder<NoInfer<State>, NoInfer<Command>>,
    confirm?: CommandConfirmation<NoInfer<State>, NoInfer<Command>>,
  ): Promise<ExecutedCommand<State>> {
    const target = targetOf(stream.events, id);
    const { streamId } = target;
    const recorded = await readStreamOrEmpty(this.store, streamId);
    const replay = replayOf(stream, target, recorded, envelope);
    if (replay !== undefined) return replay;

    const last = recorded.at(-1);
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== last?.revision) {
      throw new StaleRevisionError(target, envelope.expectedRevision, last?.revision);
    }

    const state = foldRecorded(stream, recorded);
    const now = this.clock();
    let command = await build(state);
    let events = await this.decideOrRecordDenial(stream, streamId, state, command, envelope, now);
    if (confirm !== undefined) {
      command = await confirm(state, command);
      events = await this.decideOrRecordDenial(stream, streamId, state, command, envelope, now);
    }
    if (events.length === 0 && state !== null && last !== undefined) {
      return { streamId, state, revision: last.revision, position: last.position.commit, replayed: false, created: false };
    }

    const data = sealEvents(
      streamId,
      chainTipAfter(last),
      events.map((event, index) =>
        toEventData(
          event,
          eventIdFor(streamId, envelope.commandId, index),
          buildEventMetadata(envelope, command.type, now, stream.events.schemaVersion(event.type as Event['type'])),
        ),
      ),
    );
    try {
      const appended = await this.store.appendToStream(streamId, data, { expectedRevision: last?.revision ?? 'no_stream' });
      const after = events.reduce<State | null>((current, event) => stream.evolve(current, event), state);
      if (after === null) throw new Error(`Command ${command.type} on ${streamId} left nothing in the stream`);
      const position = appended.position.commit;
      return { streamId, state: after, revision: appended.nextExpectedRevision, position, replayed: false, created: state === null };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Never re-decide silently: the decision was made on what this request saw.
      if (envelope.expectedRevision !== undefined) {
        throw new StaleRevisionError(target, envelope.expectedRevision, error.actual === 'no_stream' ? undefined : error.actual);
      }
      throw new ConcurrentModificationError(target, error.actual);
    }
  }

  /** An authorization refusal is recorded, then rethrown unchanged: the caller still gets its 403. */
  private async decideOrRecordDenial<State, Command extends Message, Event extends Message>(
    stream: CommandStream<State, Command, Event>,
    streamId: string,
    state: State | null,
    command: Command,
    envelope: CommandEnvelope,
    now: Date,
  ): Promise<readonly Event[]> {
    try {
      return stream.decide(state, command, { actor: envelope.actor, now });
    } catch (error) {
      if (isRuleViolation(error) && error.kind === 'forbidden') {
        await this.recordDenial({
          streamId,
          commandType: command.type,
          commandId: envelope.commandId,
          correlationId: envelope.correlationId,
          causationId: envelope.causationId,
          actor: envelope.actor,
          code: error.code,
          reason: error.message,
          at: now,
        });
      }
      throw error;
    }
  }

  /** Losing a denial record is bad; turning the caller's 403 into a 500 because of it is worse. */
  private async recordDenial(denied: DeniedCommand): Promise<void> {
    try {
      await this.denials.record(denied);
    } catch (error) {
      this.logger.error({
        msg: 'Could not record a denied command',
        streamId: denied.streamId,
        commandType: denied.commandType,
        actorId: denied.actor.id,
        err: error,
      });
    }
  }
}

function targetOf(events: StreamDecoder<string, Message>, id: string): CommandTarget {
  const { category } = events;
  return { streamId: events.streamName(id), resource: `${category.charAt(0).toUpperCase()}${category.slice(1)} ${id}` };
}
