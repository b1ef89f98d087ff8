import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from '../../kernel/clock.js';
import { type AppConfig, loadConfig } from './app-config.js';

/** Injection token for the validated AppConfig: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export interface ConfigModuleOptions {
  /** The time the app runs on: the system clock, unless a test moves one by hand. */
  readonly clock?: Clock;
}

@Module({})
export class ConfigModule {
  /**
   * The environment the app runs in: the validated configuration and the clock. One of the two
   * global modules (with logging): every layer needs them, and nothing else is global.
   * main.ts passes the config it already loaded (it needs it before the app exists);
   * without an argument the environment is read when the provider is first resolved.
   */
  static forRoot(config?: AppConfig, options: ConfigModuleOptions = {}): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        config ? { provide: APP_CONFIG, useValue: config } : { provide: APP_CONFIG, useFactory: () => loadConfig() },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
