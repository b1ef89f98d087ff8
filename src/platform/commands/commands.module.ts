import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { DenialLog } from './denial-log.js';
import { DENIED_COMMAND_LOG } from './denied-commands.js';
import { StreamCommandExecutor } from './stream-command-executor.js';

/**
 * The command side every context shares: the executor, and the denial log it writes refused
 * attempts to (the audit context reads them back). A context that runs commands imports it.
 */
@Module({
  imports: [EventStoreModule],
  providers: [StreamCommandExecutor, { provide: DENIED_COMMAND_LOG, useClass: DenialLog }],
  exports: [StreamCommandExecutor],
})
export class CommandsModule {}
