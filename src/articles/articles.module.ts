import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Clock } from '../kernel/clock.js';
import { ARTICLE_CONTROLLERS, ARTICLE_PROVIDERS } from './articles.providers.js';
import { SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduling/scheduled-publisher.js';

export interface ArticlesModuleOptions {
  /** The app's one clock: AppModule hands it to EventSourcingModule, which provides CLOCK to every context. */
  readonly clock?: Clock;
  readonly scheduler?: Partial<SchedulerOptions>;
}

@Module({})
export class ArticlesModule {
  static forRoot(options: ArticlesModuleOptions = {}): DynamicModule {
    const scheduler: SchedulerOptions = { enabled: true, tickMs: 1_000, ...options.scheduler };
    return {
      module: ArticlesModule,
      imports: [CqrsModule.forRoot()],
      controllers: ARTICLE_CONTROLLERS,
      providers: [...ARTICLE_PROVIDERS, { provide: SCHEDULER_OPTIONS, useValue: scheduler }],
    };
  }
}
