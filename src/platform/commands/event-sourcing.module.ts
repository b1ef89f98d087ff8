import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from '../../kernel/clock.js';
import { StreamCommandExecutor } from './stream-command-executor.js';

export interface EventSourcingModuleOptions {
  /** The app's one clock; tests pass the one they move by hand. */
  readonly clock?: Clock;
}

/**
 * The command side every context shares: the clock and the executor. Global, so context modules inject CLOCK and
 * StreamCommandExecutor without importing it. The executor's DENIED_COMMAND_LOG comes from
 * AuditModule, which implements it.
 */
@Module({})
export class EventSourcingModule {
  static forRoot(options: EventSourcingModuleOptions = {}): DynamicModule {
    return {
      module: EventSourcingModule,
      global: true,
      providers: [{ provide: CLOCK, useValue: options.clock ?? systemClock }, StreamCommandExecutor],
      exports: [CLOCK, StreamCommandExecutor],
    };
  }
}
