import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { createLogger, PINO_LOGGER } from './logger.js';
import { NestPinoLogger } from './nest-pino-logger.js';

@Module({})
export class LoggingModule {
  /**
   * Global: PINO_LOGGER (the root pino Logger) and NestPinoLogger for everyone.
   * main.ts passes the logger it built for NestFactory.create, so there is one logger;
   * without one it is built from APP_CONFIG's LOG_LEVEL.
   */
  static forRoot(logger?: Logger): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      providers: [
        logger
          ? { provide: PINO_LOGGER, useValue: logger }
          : { provide: PINO_LOGGER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createLogger({ level: config.logLevel }) },
        { provide: NestPinoLogger, inject: [PINO_LOGGER], useFactory: (root: Logger) => new NestPinoLogger(root) },
      ],
      exports: [PINO_LOGGER, NestPinoLogger],
    };
  }
}
