import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { NestPinoLogger } from '../logging/nest-pino-logger.js';
import { createRequestLoggingMiddleware } from '../logging/request-logging.middleware.js';
import { requireJsonBody } from './json-body.middleware.js';
import { limitJsonDepth } from './json-depth.middleware.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { createValidationPipe } from './validation.js';

/**
 * The HTTP edge every Redaksi app (and every HTTP spec) runs with. Call it after
 * NestFactory.create / createNestApplication and before init() or listen(): the
 * middleware is mounted in call order, ahead of what Nest adds at init.
 * Needs LoggingModule (PINO_LOGGER) in the application.
 */
export function configureHttp(app: NestExpressApplication, config: Pick<AppConfig, 'bodyLimitBytes'>): void {
  const logger = app.get<Logger>(PINO_LOGGER);
  app.useLogger(app.get(NestPinoLogger));

  app.disable('x-powered-by');
  // First, so that requests the body parser rejects are logged and correlated too.
  app.use(createRequestLoggingMiddleware(logger));
  app.use(requireJsonBody);
  // Registered before init(), so Nest skips its own default JSON parser (100kb limit).
  // strict: a body must be an object or an array; a bare string or number is a mistake.
  app.useBodyParser('json', { limit: config.bodyLimitBytes, strict: true, type: ['application/json', 'application/*+json'] });
  app.use(limitJsonDepth);

  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalPipes(createValidationPipe());
}
