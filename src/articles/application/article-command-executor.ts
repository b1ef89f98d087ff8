import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { WrongExpectedVersionError } from '../../event-store/errors.js';
import type { ArticleCommand } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { EVENT_SCHEMA_VERSION } from '../domain/events.js';
import { evolve, fold } from '../domain/evolve.js';
import type { ArticleState } from '../domain/state.js';
import { articleStreamName, readArticleStream, toArticleEvent, toEventData } from './article-stream.js';
import { CLOCK, type Clock } from './clock.js';
import type { ArticleCommandResult, CommandEnvelope } from './command-envelope.js';
import { ConcurrentModificationError, IdempotencyKeyReusedError, StaleRevisionError } from './command-errors.js';
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
 */
@Injectable()
export class ArticleCommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
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
    const events = decide(state, command, { actor: envelope.actor, now });
    if (events.length === 0 && state !== null && last !== undefined) {
      return { articleId, revision: last.revision, position: last.position.commit, replayed: false, state };
    }

    const data = events.map((event, index) =>
      toEventData(
        event,
        eventIdFor(envelope.commandId, index),
        buildEventMetadata(envelope, command.type, now, EVENT_SCHEMA_VERSION[event.type]),
      ),
    );
    try {
      const appended = await this.store.appendToStream(articleStreamName(articleId), data, {
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
