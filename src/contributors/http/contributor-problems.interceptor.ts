import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { contributorProblem } from './contributor-problems.js';

/**
 * Turns the contributor slice's own errors into problem details at the edge. Bound to the
 * contributor controllers (not app-wide), so it never sees another context's errors.
 */
@Injectable()
export class ContributorProblemsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => contributorProblem(error) ?? error)));
  }
}
