import { Global, Module } from '@nestjs/common';
import { DENIED_COMMAND_LOG } from '../platform/commands/denied-commands.js';
import { AUDIT_CONTROLLERS, AUDIT_PROVIDERS } from './audit.providers.js';

/**
 * History, point-in-time views, diffs, integrity and the denial log. Global so the command
 * executor (src/event-sourcing) finds the denial log (DENIED_COMMAND_LOG) without importing this module.
 * Its queries run on the QueryBus that CqrsModule.forRoot (in ArticlesModule) makes global.
 */
@Global()
@Module({
  controllers: AUDIT_CONTROLLERS,
  providers: AUDIT_PROVIDERS,
  exports: [DENIED_COMMAND_LOG],
})
export class AuditModule {}
