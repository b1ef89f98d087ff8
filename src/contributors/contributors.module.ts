import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, type Clock, systemClock } from '../articles/application/clock.js';
import { CONTRIBUTOR_CONTROLLERS, CONTRIBUTOR_PROVIDERS } from './contributors.providers.js';

export interface ContributorsModuleOptions {
  /** The app's one clock; tests pass the one they move by hand. */
  readonly clock?: Clock;
}

/** Contributor profiles and the desk's verification, on `contributor-<principal id>` streams. */
@Module({})
export class ContributorsModule {
  static forRoot(options: ContributorsModuleOptions = {}): DynamicModule {
    return {
      module: ContributorsModule,
      // Global and deduplicated by Nest: the same CommandBus and QueryBus as the article context.
      imports: [CqrsModule.forRoot()],
      controllers: CONTRIBUTOR_CONTROLLERS,
      providers: [...CONTRIBUTOR_PROVIDERS, { provide: CLOCK, useValue: options.clock ?? systemClock }],
    };
  }
}
