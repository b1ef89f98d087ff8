import { Module } from '@nestjs/common';
import { EventStoreModule } from '../platform/event-store/event-store.module.js';
import { AUDIT_CONTROLLERS, AUDIT_PROVIDERS } from './audit.providers.js';

/**
 * History, point-in-time views, diffs, integrity and the denials the command runner recorded.
 * Its queries run on the QueryBus that CqrsModule.forRoot (in ArticlesModule) provides.
 */
@Module({
  imports: [EventStoreModule],
  controllers: AUDIT_CONTROLLERS,
  providers: AUDIT_PROVIDERS,
})
export class AuditModule {}
