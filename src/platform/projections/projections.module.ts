import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import type { Projection } from './projection.js';
import { ProjectionObservability } from './projection-observability.js';
import {
  PROJECTION_RUNNER_OPTIONS,
  PROJECTIONS,
  ProjectionRunners,
  type ProjectionRunnerSettings,
  READ_MODEL_DATABASE,
} from './projection-runners.js';
import { openReadModelDatabase, type ReadModelDatabase } from './read-model-database.js';
import { ReadModels } from './read-models.js';
import { ReadYourWritesInterceptor } from './read-your-writes.js';

export interface ProjectionsModuleOptions {
  /** Default: REDAKSI_PROJECTIONS (inline runs them here, off leaves them to the projector). */
  readonly run?: boolean;
  /** The read models this process serves (and, with `run`, keeps following the log). */
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  readonly retry?: ProjectionRunnerSettings['retry'];
}

/**
 * The read side's infrastructure: the read-model file (`<data dir>/read-models.sqlite`), the runners that
 * keep it following the log, the query access every read API uses, read-your-writes, and the projections'
 * /health check and metrics. Global, so feature modules (publishing, desk) inject ReadModels.
 */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [
        { provide: PROJECTIONS, useValue: options.projections },
        {
          provide: PROJECTION_RUNNER_OPTIONS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): ProjectionRunnerSettings => ({
            enabled: options.run ?? config.projections === 'inline',
            ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
            ...(options.retry === undefined ? {} : { retry: options.retry }),
          }),
        },
        { provide: READ_MODEL_DATABASE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openReadModelDatabase(config.dataDir) },
        { provide: ReadModels, inject: [READ_MODEL_DATABASE], useFactory: (database: ReadModelDatabase) => new ReadModels(database) },
        ProjectionRunners,
        ProjectionObservability,
        ReadYourWritesInterceptor,
      ],
      exports: [ReadModels, READ_MODEL_DATABASE, ProjectionRunners, ProjectionObservability, ReadYourWritesInterceptor],
    };
  }
}
