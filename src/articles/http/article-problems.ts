import {
  MaxAppendSizeExceededError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '../../event-store/errors.js';
import { ProblemException } from '../../http/problem.js';
import { ConcurrentModificationError, IdempotencyKeyReusedError, StaleRevisionError } from '../application/command-errors.js';
import { ArticleRuleViolation, type ArticleErrorKind } from '../domain/errors.js';

const STATUS_OF_KIND: Readonly<Record<ArticleErrorKind, number>> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 400,
};

const TITLE_OF_KIND: Readonly<Record<ArticleErrorKind, string>> = {
  not_found: 'Not found',
  forbidden: 'Not allowed',
  conflict: 'Conflict with the article’s current state',
  invalid: 'Invalid request',
};

/**
 * Failures of the article slice as problem details. Workflow refusals keep the domain's code
 * as the problem type (e.g. /problems/four-eyes) and carry the article's current status.
 * Anything not listed here is not the client's fault and stays a 500.
 */
export function articleProblem(error: unknown): ProblemException | undefined {
  if (error instanceof ArticleRuleViolation) {
    return new ProblemException({
      status: STATUS_OF_KIND[error.kind],
      type: error.code.replaceAll('_', '-'),
      title: TITLE_OF_KIND[error.kind],
      detail: error.message,
      extensions: {
        code: error.code,
        ...(error.status === undefined ? {} : { currentStatus: error.status }),
        ...(error.issues.length === 0 ? {} : { errors: error.issues.map(({ path, message }) => ({ field: path, messages: [message] })) }),
      },
      cause: error,
    });
  }
  if (error instanceof StaleRevisionError) {
    return new ProblemException({
      status: 412,
      type: 'stale-revision',
      title: 'The article changed since the revision in If-Match',
      detail: error.message,
      extensions: {
        expectedRevision: Number(error.expectedRevision),
        actualRevision: error.actualRevision === undefined ? null : Number(error.actualRevision),
      },
      cause: error,
    });
  }
  if (error instanceof ConcurrentModificationError || error instanceof WrongExpectedVersionError) {
    return new ProblemException({
      status: 409,
      type: 'concurrent-modification',
      title: 'Another request changed the article at the same time',
      detail: error.message,
      cause: error,
    });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new ProblemException({
      status: 422,
      type: 'idempotency-key-reused',
      title: 'Idempotency-Key already used for a different request',
      detail: error.message,
      cause: error,
    });
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new ProblemException({ status: 413, type: 'payload-too-large', title: 'Change too large', detail: error.message });
  }
  if (error instanceof StreamDeletedError) {
    return new ProblemException({ status: 410, type: 'gone', title: 'Gone', detail: `${error.streamName} was deleted` });
  }
  return undefined;
}
