import { MaxAppendSizeExceededError, StreamDeletedError, WrongExpectedVersionError } from '../../event-store/errors.js';
import { ProblemException } from '../../http/problem.js';
import { ConcurrentModificationError, IdempotencyKeyReusedError, StaleRevisionError } from '../command-errors.js';
import { isRuleViolation, type RuleViolation, type RuleViolationKind } from '../../../kernel/rule-violation.js';

const STATUS_OF_KIND: Readonly<Record<RuleViolationKind, number>> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 400,
};

const TITLE_OF_KIND: Readonly<Record<RuleViolationKind, string>> = {
  not_found: 'Not found',
  forbidden: 'Not allowed',
  conflict: 'Conflict with the resource’s current state',
  invalid: 'Invalid request',
};

/**
 * Failures of the command side, of every context, as problem details. A rule violation keeps
 * the context's code as the problem type (e.g. /problems/four-eyes) and carries the resource's
 * status as `currentStatus`, so a client handles articles and contributors the same way.
 * Anything not listed here is not the client's fault and stays a 500.
 */
export function commandProblem(error: unknown): ProblemException | undefined {
  if (isRuleViolation(error)) return ruleViolationProblem(error);
  if (error instanceof StaleRevisionError) {
    return new ProblemException({
      status: 412,
      type: 'stale-revision',
      title: 'The resource changed since the revision in If-Match',
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
      title: 'Another request changed the resource at the same time',
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

function ruleViolationProblem(error: RuleViolation & Error): ProblemException {
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
