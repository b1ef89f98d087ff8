import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CONTRIBUTOR_CONTROLLERS, CONTRIBUTOR_PROVIDERS } from './contributors.providers.js';

/**
 * Contributor profiles and the desk's verification, on `contributor-<principal id>` streams.
 * Commands run on the shared StreamCommandExecutor (EventSourcingModule, global).
 */
@Module({
  // Global and deduplicated by Nest: the same CommandBus and QueryBus as the article context.
  imports: [CqrsModule.forRoot()],
  controllers: CONTRIBUTOR_CONTROLLERS,
  providers: CONTRIBUTOR_PROVIDERS,
})
export class ContributorsModule {}
