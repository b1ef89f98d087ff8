import type Database from 'better-sqlite3';
import { comparePositions, type Position, type RecordedEvent } from '../event-store/event-store.port.js';
import { type FailedEvent, type Generation, Generations } from './generations.js';
import { type Projection, type ProjectionWriter, tableNamesOf } from './projection.js';

/** What the subscription delivered since the last commit. */
export interface Batch {
  readonly events: readonly RecordedEvent[];
  /** The furthest position read: the last event's, or a later checkpoint past filtered-out events. */
  readonly position: Position | undefined;
}

export interface CommitResult {
  readonly applied: number;
  /** Events at or before the stored checkpoint: already applied, so left alone. */
  readonly skipped: number;
  readonly checkpoint: Position | undefined;
  readonly activated: boolean;
}

/** The projection threw on an event. Everything before it is committed; nothing from it on. */
export class ProjectionApplyError extends Error {
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    cause: unknown,
  ) {
    super(
      `Projection ${projection} failed on ${event.type} ${event.id} at position ${String(event.position.commit)} of ${event.streamId}`,
      {
        cause,
      },
    );
    this.name = 'ProjectionApplyError';
  }

  toFailedEvent(at: Date): FailedEvent {
    return {
      position: String(this.event.position.commit),
      eventId: this.event.id,
      type: this.event.type,
      streamId: this.event.streamId,
      error: this.cause instanceof Error ? this.cause.name : 'Error',
      at: at.toISOString(),
    };
  }
}

/** The generation's row is gone: another process switched to a newer build (or discarded this one). */
export class GenerationSupersededError extends Error {
  constructor(projection: string, generation: number) {
    super(`Generation ${generation} of ${projection} is no longer current`);
    this.name = 'GenerationSupersededError';
  }
}

/**
 * Writes batches into one generation. Each commit is one SQLite transaction holding the read-model changes
 * and the checkpoint, so a crash keeps both or neither. Inside it the stored checkpoint is read again and
 * events at or before it are skipped: a redelivered event, or a second runner on the same generation,
 * applies nothing twice.
 */
export class GenerationWriter {
  private readonly writer: ProjectionWriter;
  private readonly generations: Generations;
  private readonly transaction: Database.Transaction<(batch: Batch, activate: boolean, now: Date) => CommitResult>;

  constructor(
    private readonly db: Database.Database,
    readonly projection: Projection,
    readonly generation: number,
  ) {
    this.generations = new Generations(db);
    this.writer = projection.writer(db, tableNamesOf(projection, generation));
    this.transaction = db.transaction((batch: Batch, activate: boolean, now: Date) => this.write(batch, activate, now));
  }

  current(): Generation | undefined {
    return this.generations.get(this.projection.name, this.generation);
  }

  /**
   * `activate`: a building generation that has caught up becomes the active one in the same transaction.
   * On a failing event the events before it are committed and the ProjectionApplyError is rethrown.
   */
  commit(batch: Batch, options: { readonly activate?: boolean; readonly now: Date }): CommitResult {
    try {
      return this.transaction.immediate(batch, options.activate ?? false, options.now);
    } catch (error) {
      if (!(error instanceof ProjectionApplyError)) throw error;
      const index = batch.events.indexOf(error.event);
      const before = batch.events.slice(0, Math.max(0, index));
      const last = before.at(-1);
      if (last !== undefined) this.transaction.immediate({ events: before, position: last.position }, false, options.now);
      this.db
        .transaction(() => this.generations.recordFailure(this.projection.name, this.generation, error.toFailedEvent(options.now)))
        .immediate();
      throw error;
    }
  }

  private write(batch: Batch, activate: boolean, now: Date): CommitResult {
    const row = this.current();
    if (row === undefined) throw new GenerationSupersededError(this.projection.name, this.generation);
    const stored = row.checkpoint;
    let applied = 0;
    for (const event of batch.events) {
      if (stored !== undefined && comparePositions(event.position, stored) <= 0) continue;
      try {
        this.writer.apply(event);
      } catch (cause) {
        throw new ProjectionApplyError(this.projection.name, event, cause);
      }
      applied += 1;
    }
    const checkpoint = later(stored, batch.position);
    if (checkpoint !== undefined && checkpoint !== stored) {
      this.generations.recordCheckpoint(this.projection.name, this.generation, checkpoint, applied);
    }
    const activated = activate && row.state === 'building';
    if (activated) this.generations.activate(this.projection, this.generation, now);
    return { applied, skipped: batch.events.length - applied, checkpoint, activated };
  }
}

function later(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return comparePositions(b, a) > 0 ? b : a;
}
