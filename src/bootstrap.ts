import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppModuleOptions } from './app.module.js';
import type { AppConfig } from './platform/config/index.js';
import { configureHttp } from './platform/http/index.js';
import { setupOpenApi } from './platform/http/openapi.js';
import { createLogger, NestPinoLogger } from './platform/logging/index.js';

/** The one way an application is put together: by main.ts, by tests, by benchmarks. */
export async function createApp(config: AppConfig, options: AppModuleOptions = {}): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { ...options, logger }), {
    bufferLogs: true,
    logger: new NestPinoLogger(logger),
  });
  configureHttp(app, config);
  setupOpenApi(app);
  return app;
}
