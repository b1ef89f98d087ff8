import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandsModule } from '../platform/commands/commands.module.js';
import { EventStoreModule } from '../platform/event-store/event-store.module.js';
import { CONTRIBUTOR_CONTROLLERS, CONTRIBUTOR_PROVIDERS } from './contributors.providers.js';

/**
 * Contributor profiles and the desk's verification, on `contributor-<principal id>` streams.
 * Commands run on the shared StreamCommandExecutor (CommandsModule).
 */
@Module({
  // Global and deduplicated by Nest: the same CommandBus and QueryBus as the article context.
  imports: [CqrsModule.forRoot(), CommandsModule, EventStoreModule],
  controllers: CONTRIBUTOR_CONTROLLERS,
  providers: CONTRIBUTOR_PROVIDERS,
})
export class ContributorsModule {}
