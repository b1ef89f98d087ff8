import { Inject, Injectable, Logger } from '@nestjs/common';
import { chainTipAfter, sealEvents } from '../../audit/hash-chain.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { WrongExpectedVersionError } from '../../event-store/errors.js';
import type { ArticleCommand } from '../domain/commands.js';
import { decide, type DecideContext } from '../domain/decide.js';
import { ArticleRuleViolation } from '../domain/errors.js';
import { type ArticleEvent, EVENT_SCHEMA_VERSION } from '../domain/events.js';
import { evolve, fold } from '../domain/evolve.js';
import type { ArticleState } from '../domain/state.js';
import { articleStreamName, readArticleStream, toArticleEvent, toEventData } from './article-stream.js';
import { CLOCK, type Clock } from './clock.js';
import type { ArticleCommandResult, CommandEnvelope } from './command-envelope.js';
import { ConcurrentModificationError, IdempotencyKeyReusedError, StaleRevisionError } from './command-errors.js';
import { DENIED_COMMAND_LOG, type DeniedCommand, type DeniedCommandLog } from './denied-commands.js';
import { eventIdFor } from './deterministic-ids.js';
import { buildEventMetadata, readEventMetadata } from './event-metadata.js';

export interface ExecutedArticleCommand extends ArticleCommandResult {
  /** The article as it stands after the command (or after the original, on a replay). */
  readonly state: ArticleState;
}

/** Builds the domain command once the current state is known (e.g. to reserve a slug). */
export type CommandBuilder = (state: ArticleState | null) => ArticleCommand | Promise<ArticleCommand>;

/**
 * The one shape every article command handler has: read the stream, decide, append with the
 * revision that was read. Nothing is published in-process: downstream readers follow the log.
 * Appended events are sealed into the stream's hash chain; refusals for authorization are
 * written to the denial log before the refusal goes back to the caller.
 */
@Injectable()
export class ArticleCommandExecutor {
  private readonly logger = new Logger(ArticleCommandExecutor.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DENIED_COMMAND_LOG) private readonly denials: DeniedCommandLog,
  ) {}

  async execute(articleId: string, envelope: CommandEnvelope, build: CommandBuilder): Promise<ExecutedArticleCommand> {
    const recorded = await readArticleStream(this.store, articleId);
    const replay = this.replayOf(articleId, recorded, envelope);
    if (replay !== undefined) return replay;

    const last = recorded.at(-1);
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== last?.revision) {
      throw new StaleRevisionError(articleId, envelope.expectedRevision, last?.revision);
    }

    const state = fold(recorded.map(toArticleEvent));
    const command = await build(state);
    const now = this.clock();
    const events = await this.decideOrRecordDenial(articleId, state, command, envelope, now);
    if (events.length === 0 && state !== null && last !== undefined) {
      return { articleId, revision: last.revision, position: last.position.commit, replayed: false, state };
    }

    const stream = articleStreamName(articleId);
    const data = sealEvents(
      stream,
      chainTipAfter(last),
      events.map((event, index) =>
        toEventData(
          event,
          eventIdFor(envelope.commandId, index),
          buildEventMetadata(envelope, command.type, now, EVENT_SCHEMA_VERSION[event.type]),
        ),
      ),
    );
    try {
      const appended = await this.store.appendToStream(stream, data, {
        expectedRevision: last?.revision ?? 'no_stream',
      });
      const after = events.reduce<ArticleState | null>(evolve, state);
      if (after === null) throw new Error(`Command ${command.type} on ${articleId} left no article`);
      return {
        articleId,
        revision: appended.nextExpectedRevision,
        position: appended.position.commit,
        replayed: false,
        state: after,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Never re-decide silently: the decision was made on what this request saw.
      if (envelope.expectedRevision !== undefined) {
        throw new StaleRevisionError(articleId, envelope.expectedRevision, actualOf(error));
      }
      throw new ConcurrentModificationError(articleId, error.actual);
    }
  }

  /** An authorization refusal is recorded, then rethrown unchanged: the caller still gets its 403. */
  private async decideOrRecordDenial(
    articleId: string,
    state: ArticleState | null,
    command: ArticleCommand,
    envelope: CommandEnvelope,
    now: Date,
  ): Promise<ArticleEvent[]> {
    const context: DecideContext = { actor: envelope.actor, now };
    try {
      return decide(state, command, context);
    } catch (error) {
      if (error instanceof ArticleRuleViolation && error.kind === 'forbidden') {
        await this.recordDenial({
          articleId,
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
        articleId: denied.articleId,
        commandType: denied.commandType,
        actorId: denied.actor.id,
        err: error,
      });
    }
  }

  /** A command already in the stream (same command id) is answered from the stream, not run again. */
  private replayOf(
    articleId: string,
    recorded: readonly RecordedEvent[],
    envelope: CommandEnvelope,
  ): ExecutedArticleCommand | undefined {
    if (envelope.idempotencyKey === undefined) return undefined;
    const lastIndex = recorded.findLastIndex((event) => readEventMetadata(event).commandId === envelope.commandId);
    if (lastIndex < 0) return undefined;
    const original = recorded[lastIndex]!;
    if (readEventMetadata(original).requestHash !== envelope.requestHash) {
      throw new IdempotencyKeyReusedError(envelope.idempotencyKey);
    }
    const state = fold(recorded.slice(0, lastIndex + 1).map(toArticleEvent));
    if (state === null) throw new Error(`Stream of ${articleId} folds to nothing`);
    return { articleId, revision: original.revision, position: original.position.commit, replayed: true, state };
  }
}

function actualOf(error: WrongExpectedVersionError): bigint | undefined {
  return error.actual === 'no_stream' ? undefined : error.actual;
}
