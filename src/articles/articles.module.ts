import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandsModule } from '../platform/commands/commands.module.js';
import { EventStoreModule } from '../platform/event-store/event-store.module.js';
import { ReadModelsModule } from '../platform/projections/read-models.module.js';
import { ARTICLE_CONTROLLERS, ARTICLE_PROVIDERS } from './articles.providers.js';
import { SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduling/scheduled-publisher.js';

export interface ArticlesModuleOptions {
  readonly scheduler?: Partial<SchedulerOptions>;
}

@Module({})
export class ArticlesModule {
  static forRoot(options: ArticlesModuleOptions = {}): DynamicModule {
    const scheduler: SchedulerOptions = { enabled: true, tickMs: 1_000, ...options.scheduler };
    return {
      module: ArticlesModule,
      imports: [CqrsModule.forRoot(), CommandsModule, EventStoreModule, ReadModelsModule],
      controllers: ARTICLE_CONTROLLERS,
      providers: [...ARTICLE_PROVIDERS, { provide: SCHEDULER_OPTIONS, useValue: scheduler }],
    };
  }
}
