import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { PINO_LOGGER } from '../logging/logger.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type RetryPolicy, type RunnerStatus } from './projection-runner.js';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from './read-model-database.js';
import { ReadModels } from './read-models.js';

export const PROJECTIONS = Symbol('Projections');
export const PROJECTION_RUNNER_OPTIONS = Symbol('ProjectionRunnerOptions');

export interface ProjectionRunnerSettings {
  /** Run the projections in this process (API with REDAKSI_PROJECTIONS=inline, or the projector). */
  readonly enabled: boolean;
  readonly batchSize?: number;
  readonly retry?: RetryPolicy;
}

/** Starts a runner per projection once the application is up, and stops them before the store closes. */
@Injectable()
export class ProjectionRunners implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(PROJECTION_RUNNER_OPTIONS) private readonly settings: ProjectionRunnerSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly readModels: ReadModels,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    for (const projection of this.projections) {
      const runner = new ProjectionRunner({
        store: this.store,
        db: this.database.writer,
        projection,
        logger: this.logger,
        ...(this.settings.batchSize === undefined ? {} : { batchSize: this.settings.batchSize }),
        ...(this.settings.retry === undefined ? {} : { retry: this.settings.retry }),
        onCommitted: () => this.readModels.notifyCommitted(),
      });
      this.runners.set(projection.name, runner);
      runner.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  status(name: string): RunnerStatus | undefined {
    return this.runners.get(name)?.status();
  }
}
