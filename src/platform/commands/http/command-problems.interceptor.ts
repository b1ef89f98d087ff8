import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { commandProblem } from './command-problems.js';

/** Turns the command side's errors into problem details at the edge; registered once, app-wide. */
@Injectable()
export class CommandProblemsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => commandProblem(error) ?? error)));
  }
}
