import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ArticlesModule, type ArticlesModuleOptions } from './articles/articles.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConsoleModule } from './audit/console/console.module.js';
import { AuthModule } from './platform/auth/index.js';
import { type AppConfig, ConfigModule } from './platform/config/index.js';
import { ContributorsModule } from './contributors/contributors.module.js';
import type { DeliveryOptions } from './delivery/delivery-config.js';
import { DeliveryModule } from './delivery/delivery.module.js';
import { DeskModule } from './read-models/desk/desk.module.js';
import { EventSourcingModule } from './platform/commands/event-sourcing.module.js';
import { EventStoreModule } from './platform/event-store/event-store.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { LoggingModule } from './platform/logging/index.js';
import { MetricsModule } from './platform/metrics/metrics.module.js';
import { ProjectionsModule, type ProjectionsModuleOptions } from './platform/projections/projections.module.js';
import { ALL_PROJECTIONS } from './read-models/all-projections.js';
import { PublishingModule } from './read-models/live-site/publishing.module.js';

export interface AppModuleOptions {
  readonly logger?: Logger;
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
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(options.logger),
        AuthModule.forRoot(),
        HealthModule,
        EventStoreModule,
        // The app has one clock; until it has its own option it is the one the articles get.
        EventSourcingModule.forRoot({ clock: options.articles?.clock }),
        ArticlesModule.forRoot(options.articles),
        AuditModule,
        ConsoleModule,
        MetricsModule,
        ProjectionsModule.forRoot({ ...options.projections, projections: ALL_PROJECTIONS }),
        PublishingModule,
        DeskModule,
        ContributorsModule,
        DeliveryModule.forRoot(options.delivery),
      ],
    };
  }
}
