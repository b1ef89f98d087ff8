import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { LoggedRequest } from '../logging/request-logging.middleware.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem.js';
import { toProblem } from './problem-mapping.js';

/**
 * Every error a request ends in, as application/problem+json (RFC 9457).
 * Registered with `app.useGlobalFilters()` so it also sees the errors Nest's exception
 * layer catches outside routes: body-parser failures and unknown paths.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<LoggedRequest>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const { problem, headers, unexpected } = toProblem(exception);

    const body: ProblemDetails = {
      ...problem,
      instance: pathOf(request),
      ...(request.correlationId === undefined ? {} : { correlationId: request.correlationId }),
    };

    if (unexpected) {
      this.logger.error(
        { err: exception, correlationId: request.correlationId, method: request.method, url: pathOf(request) },
        'request failed with an unexpected error',
      );
    }

    if (response.headersSent) {
      // Part of a body is out already (a stream failed): the only honest signal left is
      // an aborted response.
      response.destroy();
      return;
    }
    response.statusCode = problem.status;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    response.setHeader('Cache-Control', 'no-store');
    response.end(JSON.stringify(body));
  }
}

// The query string is left out: it can carry things that do not belong in an error body.
function pathOf(request: LoggedRequest): string {
  return (request.originalUrl ?? request.url ?? '/').split('?')[0] ?? '/';
}
