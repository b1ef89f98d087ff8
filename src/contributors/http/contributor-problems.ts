import { MaxAppendSizeExceededError, StreamDeletedError, WrongExpectedVersionError } from '../../event-store/errors.js';
import { IdempotencyKeyReusedError } from '../../articles/application/command-errors.js';
import { ProblemException } from '../../http/problem.js';
import { ConcurrentContributorModificationError, StaleContributorRevisionError } from '../application/command-errors.js';
import { type ContributorErrorKind, ContributorRuleViolation } from '../domain/errors.js';

const STATUS_OF_KIND: Readonly<Record<ContributorErrorKind, number>> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 400,
};

const TITLE_OF_KIND: Readonly<Record<ContributorErrorKind, string>> = {
  not_found: 'Not found',
  forbidden: 'Not allowed',
  conflict: 'Conflict with the contributor’s current state',
  invalid: 'Invalid request',
};

/**
 * Failures of the contributor slice as problem details. Problem types and members are the ones
 * the article endpoints use (the domain's code as the type, `currentStatus`, `errors`,
 * `expectedRevision`/`actualRevision`), so a client handles both APIs the same way.
 * Anything not listed here is not the client's fault and stays a 500.
 */
export function contributorProblem(error: unknown): ProblemException | undefined {
  if (error instanceof ContributorRuleViolation) {
    return new ProblemException({
      status: STATUS_OF_KIND[error.kind],
      type: error.code.replaceAll('_', '-'),
      title: TITLE_OF_KIND[error.kind],
      detail: error.message,
      extensions: {
        code: error.code,
        ...(error.status === undefined ? {} : { currentStatus: error.status }),
        ...(error.issues.length === 0
          ? {}
          : { errors: error.issues.map(({ path, message }) => ({ field: path, messages: [message] })) }),
      },
      cause: error,
    });
  }
  if (error instanceof StaleContributorRevisionError) {
    return new ProblemException({
      status: 412,
      type: 'stale-revision',
      title: 'The contributor changed since the revision in If-Match',
      detail: error.message,
      extensions: {
        expectedRevision: Number(error.expectedRevision),
        actualRevision: error.actualRevision === undefined ? null : Number(error.actualRevision),
      },
      cause: error,
    });
  }
  if (error instanceof ConcurrentContributorModificationError || error instanceof WrongExpectedVersionError) {
    return new ProblemException({
      status: 409,
      type: 'concurrent-modification',
      title: 'Another request changed the contributor at the same time',
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
