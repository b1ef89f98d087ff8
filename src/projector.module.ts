import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AppConfig, ConfigModule } from './config/index.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/index.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ProjectionsModule, type ProjectionsModuleOptions } from './projections/projections.module.js';

/** The projector process: the event store and the projection runners, no HTTP. */
@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig, logger: Logger, options: Omit<ProjectionsModuleOptions, 'run'> = {}): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        // The projections register their health check and metrics; nothing serves them here, the API
        // reads the same facts from the read-model file.
        HealthModule,
        MetricsModule,
        EventStoreModule,
        ProjectionsModule.forRoot({ ...options, run: true }),
      ],
    };
  }
}
