import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config.js';
import { RequestContext } from './request-context.js';

export type { Logger } from 'pino';

/** Injection token for the root pino Logger: `@Inject(PINO_LOGGER) logger: Logger`. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');

export interface CreateLoggerOptions {
  readonly level: LogLevel;
  /** Defaults to stdout; tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
}

export function createLogger({ level, destination }: CreateLoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service: 'redaksi' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Log shippers match on the name; the numeric level is pino-specific.
      formatters: { level: (label) => ({ level: label }) },
      // A line written while handling a request carries its correlation id, wherever it
      // was written from.
      mixin: () => {
        const correlationId = RequestContext.correlationId();
        return correlationId === undefined ? {} : { correlationId };
      },
      // Nothing here logs headers, but a careless `logger.info({ req })` must not leak tokens.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
