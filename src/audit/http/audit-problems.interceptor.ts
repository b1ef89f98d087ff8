import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { ProblemException } from '../../platform/http/problem.js';
import { AuditedArticleNotFoundError, InvalidAuditQueryError, NoSuchRevisionError } from '../audit-errors.js';

/** The audit queries' answers that are not results, as problem details. */
export function auditProblem(error: unknown): ProblemException | undefined {
  if (error instanceof AuditedArticleNotFoundError) {
    return new ProblemException({ status: 404, type: 'not-found', title: 'Not found', detail: error.message, cause: error });
  }
  if (error instanceof NoSuchRevisionError) {
    return new ProblemException({
      status: 404,
      type: 'no-such-revision',
      title: 'The article did not exist at that point',
      detail: error.message,
      extensions: { ...error.details },
      cause: error,
    });
  }
  if (error instanceof InvalidAuditQueryError) {
    return new ProblemException({
      status: 400,
      type: 'validation-failed',
      title: 'Invalid request',
      detail: error.message,
      extensions: { errors: [{ field: error.field, messages: [error.message] }] },
      cause: error,
    });
  }
  return undefined;
}

@Injectable()
export class AuditProblemsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => auditProblem(error) ?? error)));
  }
}
