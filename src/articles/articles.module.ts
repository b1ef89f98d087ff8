import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, type Clock, systemClock } from './application/clock.js';
import { ARTICLE_CONTROLLERS, ARTICLE_PROVIDERS } from './articles.providers.js';
import { ArticleProblemsInterceptor } from './http/article-problems.interceptor.js';
import { SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduling/scheduled-publisher.js';

export interface ArticlesModuleOptions {
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
      providers: [
        ...ARTICLE_PROVIDERS,
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: SCHEDULER_OPTIONS, useValue: scheduler },
        { provide: APP_INTERCEPTOR, useClass: ArticleProblemsInterceptor },
      ],
    };
  }
}
