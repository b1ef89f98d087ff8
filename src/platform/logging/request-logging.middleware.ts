import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id.js';
import { RequestContext } from './request-context.js';

/** What this middleware adds to the request; `actor` is put there by the auth guard. */
export interface LoggedRequest extends IncomingMessage {
  correlationId?: string;
  actor?: { readonly id: string };
  originalUrl?: string;
}

export type RequestLoggingMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

function summary(req: LoggedRequest, res: ServerResponse, durationMs: unknown): Record<string, unknown> {
  return {
    method: req.method,
    url: req.originalUrl ?? req.url,
    status: res.statusCode,
    durationMs,
    // Read when the response is finished, so the guard has had its say.
    actorId: req.actor?.id,
    correlationId: req.correlationId,
  };
}

/**
 * One log line per request, and the correlation id for everything in between.
 * Mounted with `app.use()` ahead of the body parser, so requests the parser rejects are
 * logged and correlated too.
 */
export function createRequestLoggingMiddleware(logger: Logger): RequestLoggingMiddleware {
  const httpLogger = pinoHttp<LoggedRequest>({
    logger,
    genReqId: (req) => req.correlationId ?? correlationIdFrom(undefined),
    // The summary is the whole line: pino-http's default serializers would log every
    // header, Authorization included.
    quietReqLogger: false,
    quietResLogger: true,
    serializers: { req: () => undefined, res: () => undefined },
    customAttributeKeys: { responseTime: 'durationMs' },
    customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => (!req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, val: { durationMs?: unknown }) => summary(req, res, val.durationMs),
    customErrorObject: (req, res, _error, val: { durationMs?: unknown }) => summary(req, res, val.durationMs),
  });

  return (req: LoggedRequest, res, next) => {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_ID_HEADER]);
    req.correlationId = correlationId;
    res.setHeader('X-Correlation-Id', correlationId);
    RequestContext.run({ correlationId }, () => httpLogger(req, res, next));
  };
}
