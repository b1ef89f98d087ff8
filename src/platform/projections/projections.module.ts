import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { HealthModule } from '../health/health.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ReadModelsModule } from './read-models.module.js';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import type { Projection } from './projection.js';
import { ProjectionObservability } from './projection-observability.js';
import { PROJECTION_RUNNER_OPTIONS, PROJECTIONS, ProjectionRunners, type ProjectionRunnerSettings } from './projection-runners.js';

export interface ProjectionsModuleOptions {
  /** Default: REDAKSI_PROJECTIONS (inline runs them here, off leaves them to the projector). */
  readonly run?: boolean;
  /** The read models this process serves (and, with `run`, keeps following the log). */
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  readonly retry?: ProjectionRunnerSettings['retry'];
}

/**
 * The runners that keep the read models following the log (when this process runs them) and the
 * projections' /health check and metrics, over the read-model file of ReadModelsModule.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [EventStoreModule, HealthModule, MetricsModule, ReadModelsModule],
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
        ProjectionRunners,
        ProjectionObservability,
      ],
    };
  }
}
