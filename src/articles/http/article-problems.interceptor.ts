import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { articleProblem } from './article-problems.js';

/** Turns the article slice's own errors into problem details at the edge. */
@Injectable()
export class ArticleProblemsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => articleProblem(error) ?? error)));
  }
}
