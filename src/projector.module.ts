import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AppConfig, ConfigModule } from './platform/config/index.js';
import { LoggingModule } from './platform/logging/index.js';
import { ALL_PROJECTIONS } from './read-models/all-projections.js';
import { ProjectionsModule, type ProjectionsModuleOptions } from './platform/projections/projections.module.js';

/** The projector process: the event store and the projection runners, no HTTP. */
@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig, logger: Logger, options: Omit<ProjectionsModuleOptions, 'run' | 'projections'> = {}): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        // The projections register their health check and metrics; nothing serves them here, the API
        // reads the same facts from the read-model file.
        ProjectionsModule.forRoot({ ...options, projections: ALL_PROJECTIONS, run: true }),
      ],
    };
  }
}
