import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { EventStore, Position } from '../event-store/event-store.port.js';
import type { LogFollower, RetryPolicy } from '../log-follower/log-follower.js';
import { generationFollower } from './follow-generation.js';
import { GenerationSupersededError, GenerationWriter } from './generation-writer.js';
import { type Generation, Generations } from './generations.js';
import { assertProjectionShape, type Projection } from './projection.js';

export type { RetryPolicy };

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  /** The read-model file's writer connection. */
  readonly db: Database.Database;
  readonly projection: Projection;
  readonly logger: Logger;
  readonly batchSize?: number;
  readonly retry?: RetryPolicy;
  readonly clock?: () => Date;
  /** Called after every commit; read-your-writes waits on it. */
  readonly onCommitted?: (projection: string, checkpoint: Position | undefined) => void;
}

export type RunnerState = 'starting' | 'catching_up' | 'live' | 'retrying' | 'stopped';

/** What only the process running the projection knows; the rest is in the read-model file. */
export interface RunnerStatus {
  readonly state: RunnerState;
  readonly generation: number | undefined;
  readonly consecutiveFailures: number;
  readonly retryAt: string | undefined;
}

/**
 * Keeps one projection's read model following the log, for as long as the process runs. It works on the
 * active generation, or builds a new one when the active one was built by another version (the old one is
 * served until the new one has caught up). When it fails, on an event or on the store, the log follower
 * stops at that event, logs it, records it for /health and /metrics, waits (exponential backoff) and
 * follows again from the stored checkpoint, so the same event comes again: nothing is skipped. A
 * projection that fails on a bug keeps failing there until a fixed build is started.
 */
export class ProjectionRunner {
  private readonly generations: Generations;
  private readonly clock: () => Date;
  private readonly follower: LogFollower;
  private writer: GenerationWriter | undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    assertProjectionShape(options.projection);
    this.generations = new Generations(options.db);
    this.clock = options.clock ?? (() => new Date());
    const { logger, projection } = options;
    this.follower = generationFollower({
      store: options.store,
      logger,
      writer: () => this.writerForCurrentGeneration(),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      clock: this.clock,
      activateWhenCaughtUp: true,
      stopWhenCaughtUp: false,
      onFailure: (error) => {
        if (!(error instanceof GenerationSupersededError)) return 'retry';
        logger.info({ projection: projection.name, generation: this.writer?.generation }, 'Projection switches to the newer generation');
        return 'restart';
      },
      onCommitted: (result) => {
        if (result.activated) {
          logger.info(
            { projection: projection.name, generation: this.writer?.generation },
            'Rebuilt read model caught up and is now active',
          );
        }
        this.options.onCommitted?.(projection.name, result.checkpoint);
      },
    });
  }

  get name(): string {
    return this.options.projection.name;
  }

  status(): RunnerStatus {
    const { state, consecutiveFailures, retryAt } = this.follower.status();
    return { state, generation: this.writer?.generation, consecutiveFailures, retryAt };
  }

  start(): void {
    this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
  }

  /** A writer on the generation to follow now: the active one if this version built it, else the one being built. */
  private writerForCurrentGeneration(): GenerationWriter {
    const generation = this.resolveGeneration();
    if (this.writer?.generation !== generation.generation) {
      this.writer = new GenerationWriter(this.options.db, this.options.projection, generation.generation);
    }
    return this.writer;
  }

  /** The active generation if this version built it; else resume or start building one. */
  private resolveGeneration(): Generation {
    const { projection, logger, db } = this.options;
    return db
      .transaction(() => {
        const active = this.generations.active(projection.name);
        if (active !== undefined && active.version === projection.version) return active;
        const building = this.generations
          .all()
          .filter((g) => g.projection === projection.name && g.state === 'building' && g.version === projection.version)
          .at(-1);
        if (building !== undefined) return building;
        // With no model at all there is nothing to keep serving: the new one is used from the start.
        const created = this.generations.create(projection, active === undefined ? 'active' : 'building', this.clock());
        logger.info(
          { projection: projection.name, generation: created.generation, version: projection.version, replaces: active?.generation },
          active === undefined
            ? 'Projection starts a new read model'
            : 'Projection version changed: building a new read model from the log',
        );
        return created;
      })
      .immediate();
  }
}
