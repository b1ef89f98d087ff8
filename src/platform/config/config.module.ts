import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, loadConfig } from './app-config.js';

/** Injection token for the validated AppConfig: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Module({})
export class ConfigModule {
  /**
   * Global, so every module can inject APP_CONFIG without importing this one.
   * main.ts passes the config it already loaded (it needs it before the app exists);
   * without an argument the environment is read when the provider is first resolved.
   */
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [config ? { provide: APP_CONFIG, useValue: config } : { provide: APP_CONFIG, useFactory: () => loadConfig() }],
      exports: [APP_CONFIG],
    };
  }
}
