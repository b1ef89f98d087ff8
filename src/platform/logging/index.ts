export { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id.js';
export { createLogger, type CreateLoggerOptions, type Logger, PINO_LOGGER } from './logger.js';
export { LoggingModule } from './logging.module.js';
export { NestPinoLogger } from './nest-pino-logger.js';
export { RequestContext, type RequestStore } from './request-context.js';
export { createRequestLoggingMiddleware, type LoggedRequest, type RequestLoggingMiddleware } from './request-logging.middleware.js';
export { captureLogs } from './test-support.js';
