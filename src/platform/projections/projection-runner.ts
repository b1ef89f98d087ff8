import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { EventStore, Position, Subscription } from '../event-store/event-store.port.js';
import { followGeneration } from './follow-generation.js';
import { GenerationSupersededError, GenerationWriter, ProjectionApplyError } from './generation-writer.js';
import { type Generation, Generations } from './generations.js';
import { assertProjectionShape, type Projection } from './projection.js';

export interface RetryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

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

const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Keeps one projection's read model following the log, for as long as the process runs. It works on the
 * active generation, or builds a new one when the active one was built by another version (the old one is
 * served until the new one has caught up). When it fails, on an event or on the store, it stops at that
 * event, logs it, records it for /health and /metrics, waits (exponential backoff) and resubscribes from
 * the stored checkpoint, so the same event comes again: nothing is skipped. A projection that fails on a
 * bug keeps failing there until a fixed build is started.
 */
export class ProjectionRunner {
  private readonly generations: Generations;
  private readonly retry: RetryPolicy;
  private readonly clock: () => Date;
  private running: Promise<void> | undefined;
  private stopping = false;
  private subscription: Subscription | undefined;
  private wake: (() => void) | undefined;
  private current: RunnerStatus = { state: 'starting', generation: undefined, consecutiveFailures: 0, retryAt: undefined };

  constructor(private readonly options: ProjectionRunnerOptions) {
    assertProjectionShape(options.projection);
    this.generations = new Generations(options.db);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.clock = options.clock ?? (() => new Date());
  }

  get name(): string {
    return this.options.projection.name;
  }

  status(): RunnerStatus {
    return this.current;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.subscription?.close();
    await this.running;
    this.current = { ...this.current, state: 'stopped', retryAt: undefined };
  }

  private async run(): Promise<void> {
    const { logger, projection } = this.options;
    while (!this.stopping) {
      let generation: Generation | undefined;
      try {
        generation = this.resolveGeneration();
        await this.follow(generation);
      } catch (error) {
        if (error instanceof GenerationSupersededError) {
          logger.info({ projection: projection.name, generation: generation?.generation }, 'Projection switches to the newer generation');
          continue;
        }
        if (this.stopping) break;
        await this.backOff(error, generation);
      }
    }
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

  private async follow(generation: Generation): Promise<void> {
    const { projection, logger, store, db } = this.options;
    const writer = new GenerationWriter(db, projection, generation.generation);
    this.current = {
      state: 'catching_up',
      generation: generation.generation,
      consecutiveFailures: this.current.consecutiveFailures,
      retryAt: undefined,
    };
    await followGeneration({
      store,
      writer,
      ...(this.options.batchSize === undefined ? {} : { batchSize: this.options.batchSize }),
      clock: this.clock,
      activateWhenCaughtUp: generation.state === 'building',
      stopWhenCaughtUp: false,
      onSubscribed: (subscription) => {
        this.subscription = subscription;
        // stop() may have run while the subscription was being opened.
        if (this.stopping) void subscription.close();
      },
      onCommitted: (result, batch) => {
        if (batch.caughtUp) this.current = { ...this.current, state: 'live' };
        if (result.applied > 0 || batch.caughtUp) this.current = { ...this.current, consecutiveFailures: 0 };
        if (result.activated)
          logger.info({ projection: projection.name, generation: generation.generation }, 'Rebuilt read model caught up and is now active');
        this.options.onCommitted?.(projection.name, result.checkpoint);
      },
    });
  }

  private async backOff(error: unknown, generation: Generation | undefined): Promise<void> {
    const { projection, logger } = this.options;
    const failures = this.current.consecutiveFailures + 1;
    const delayMs = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (failures - 1));
    const retryAt = new Date(this.clock().getTime() + delayMs).toISOString();
    this.current = { state: 'retrying', generation: generation?.generation, consecutiveFailures: failures, retryAt };
    const where =
      error instanceof ProjectionApplyError
        ? {
            eventId: error.event.id,
            eventType: error.event.type,
            streamId: error.event.streamId,
            position: String(error.event.position.commit),
          }
        : {};
    logger.error(
      {
        projection: projection.name,
        generation: generation?.generation,
        ...where,
        err: error,
        consecutiveFailures: failures,
        retryInMs: delayMs,
      },
      error instanceof ProjectionApplyError
        ? 'Projection stopped on an event it could not apply; will retry from it'
        : 'Projection stopped; will resubscribe from its checkpoint',
    );
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}
