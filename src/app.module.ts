import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ArticlesModule, type ArticlesModuleOptions } from './articles/articles.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConsoleModule } from './audit/console/console.module.js';
import { ContributorsModule } from './contributors/contributors.module.js';
import type { DeliveryOptions } from './delivery/delivery-config.js';
import { DeliveryModule } from './delivery/delivery.module.js';
import type { Clock } from './kernel/clock.js';
import { AuthModule } from './platform/auth/index.js';
import { type AppConfig, ConfigModule } from './platform/config/index.js';
import { HealthModule } from './platform/health/health.module.js';
import { LoggingModule } from './platform/logging/index.js';
import { MetricsModule } from './platform/metrics/metrics.module.js';
import { ProjectionsModule, type ProjectionsModuleOptions } from './platform/projections/projections.module.js';
import { ALL_PROJECTIONS } from './read-models/all-projections.js';
import { DeskModule } from './read-models/desk/desk.module.js';
import { PublishingModule } from './read-models/live-site/publishing.module.js';

export interface AppModuleOptions {
  readonly logger?: Logger;
  /** The app's one clock; tests pass one they move by hand. */
  readonly clock?: Clock;
  readonly articles?: ArticlesModuleOptions;
  /** Over the REDAKSI_WEBHOOK_* / REDAKSI_SSE_* settings; tests use it for fast timings. */
  readonly delivery?: DeliveryOptions;
  readonly projections?: Omit<ProjectionsModuleOptions, 'projections'>;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, options.clock === undefined ? {} : { clock: options.clock }),
        LoggingModule.forRoot(options.logger),
        AuthModule.forRoot(),
        HealthModule,
        MetricsModule,
        ArticlesModule.forRoot(options.articles),
        ContributorsModule,
        AuditModule,
        ConsoleModule,
        ProjectionsModule.forRoot({ ...options.projections, projections: ALL_PROJECTIONS }),
        PublishingModule,
        DeskModule,
        DeliveryModule.forRoot(options.delivery),
      ],
    };
  }
}
