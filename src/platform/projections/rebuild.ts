import type Database from 'better-sqlite3';
import type { EventStore, Position } from '../event-store/event-store.port.js';
import { type Logger, pino } from 'pino';
import { generationFollower } from './follow-generation.js';
import { GenerationWriter } from './generation-writer.js';
import { Generations } from './generations.js';
import { assertProjectionShape, type Projection } from './projection.js';

/** WAL pages (4 KiB) between checkpoints while rebuilding: the WAL may grow to ~40 MB meanwhile. */
const REBUILD_WAL_AUTOCHECKPOINT_PAGES = 10_000;

export interface RebuildProgress {
  readonly projection: string;
  readonly generation: number;
  readonly eventsApplied: number;
  readonly position: Position | undefined;
}

export interface RebuildSummary {
  readonly projection: string;
  readonly generation: number;
  /** Events this projection applied (the log's events of its types). */
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly position: Position | undefined;
}

export interface RebuildOptions {
  readonly store: EventStore;
  readonly db: Database.Database;
  readonly projection: Projection;
  readonly batchSize?: number;
  readonly clock?: () => Date;
  readonly onProgress?: (progress: RebuildProgress) => void;
  readonly logger?: Logger;
}

/**
 * Builds a projection's read model from the whole log into a new generation while the current one keeps
 * serving, and switches to it in the transaction that commits the catch-up (see generations.ts). A runner
 * still writing to the old generation notices at its next batch and continues on the new one from the new
 * checkpoint. One rebuild of a projection at a time: a rebuild discards unfinished builds it finds.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildSummary> {
  const { db, projection } = options;
  assertProjectionShape(projection);
  const clock = options.clock ?? (() => new Date());
  const generations = new Generations(db);
  const generation = db
    .transaction(() => {
      for (const stale of generations.all()) {
        if (stale.projection === projection.name && stale.state === 'building') generations.drop(projection, stale.generation);
      }
      return generations.create(projection, 'building', clock());
    })
    .immediate();

  const writer = new GenerationWriter(db, projection, generation.generation);
  const started = process.hrtime.bigint();
  let events = 0;
  let position: Position | undefined;
  // Batches of a rebuild dirty pages all over the read model's B-trees; with SQLite's default
  // (a checkpoint every 1,000 WAL pages) nearly every commit also checkpoints, writing each page
  // twice. Checkpointing less often while rebuilding writes a page once per many batches.
  const autocheckpoint = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  const raise = autocheckpoint > 0 && autocheckpoint < REBUILD_WAL_AUTOCHECKPOINT_PAGES;
  if (raise) db.pragma(`wal_autocheckpoint = ${REBUILD_WAL_AUTOCHECKPOINT_PAGES}`);
  try {
    await generationFollower({
      store: options.store,
      logger: options.logger ?? pino({ level: 'silent' }),
      writer: () => writer,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      clock,
      activateWhenCaughtUp: true,
      stopWhenCaughtUp: true,
      // A rebuild is run by someone who waits for it: a failure is theirs to see, not to retry.
      onFailure: () => 'stop',
      onCommitted: (result) => {
        events += result.applied;
        position = result.checkpoint;
        options.onProgress?.({ projection: projection.name, generation: generation.generation, eventsApplied: events, position });
      },
    }).run();
  } finally {
    if (raise) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    projection: projection.name,
    generation: generation.generation,
    events,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : events,
    position,
  };
}
