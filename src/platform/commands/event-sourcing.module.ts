import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CLOCK, type Clock, systemClock } from '../../kernel/clock.js';
import { CommandProblemsInterceptor } from './http/command-problems.interceptor.js';
import { StreamCommandExecutor } from './stream-command-executor.js';

export interface EventSourcingModuleOptions {
  /** The app's one clock; tests pass the one they move by hand. */
  readonly clock?: Clock;
}

/**
 * The command side every context shares: the clock, the executor and the problem mapping
 * (registered here once, app-wide). Global, so context modules inject CLOCK and
 * StreamCommandExecutor without importing it. The executor's DENIED_COMMAND_LOG comes from
 * AuditModule, which implements it.
 */
@Module({})
export class EventSourcingModule {
  static forRoot(options: EventSourcingModuleOptions = {}): DynamicModule {
    return {
      module: EventSourcingModule,
      global: true,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        StreamCommandExecutor,
        { provide: APP_INTERCEPTOR, useClass: CommandProblemsInterceptor },
      ],
      exports: [CLOCK, StreamCommandExecutor],
    };
  }
}
