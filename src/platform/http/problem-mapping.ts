import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Refusal, type RefusalKind } from '../../kernel/refusal.js';
import {
  EventStoreUnavailableError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '../event-store/errors.js';
import { type ProblemDetails, ProblemException, problemType } from './problem.js';

const SLUGS: Readonly<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  428: 'precondition-required',
  429: 'too-many-requests',
  500: 'internal-error',
  501: 'not-implemented',
  502: 'bad-gateway',
  503: 'service-unavailable',
  504: 'gateway-timeout',
};

export function slugForStatus(status: number): string {
  return SLUGS[status] ?? `http-${status}`;
}

function titleForStatus(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

export interface MappedProblem {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  /** A server fault: log it with its stack. */
  readonly unexpected: boolean;
}

interface BodyParserError {
  readonly type: string;
  readonly status: number;
  readonly limit: number | undefined;
}

// Express' body parser fails with http-errors carrying a `type` such as
// 'entity.parse.failed'. Nest's Express adapter wraps the 4xx ones in an HttpException
// with the original as `cause`; both shapes are accepted so the mapping does not depend
// on where in the chain the error was caught.
function bodyParserError(exception: unknown): BodyParserError | undefined {
  const candidates = exception instanceof HttpException ? [exception.cause, exception] : [exception];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const { type, status, statusCode, limit } = candidate as Record<string, unknown>;
    const code = typeof status === 'number' ? status : statusCode;
    if (typeof type === 'string' && typeof code === 'number' && /^(entity|request|charset|encoding|parameters|stream)\./.test(type)) {
      return { type, status: code, limit: typeof limit === 'number' ? limit : undefined };
    }
  }
  return undefined;
}

function fromBodyParser(error: BodyParserError): ProblemDetails | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return {
        type: problemType('malformed-json'),
        title: 'Malformed JSON',
        status: 400,
        detail: 'The request body is not valid JSON; it must be a JSON object or array.',
      };
    case 'entity.too.large':
      return {
        type: problemType('payload-too-large'),
        title: 'Payload Too Large',
        status: 413,
        detail:
          error.limit === undefined ? 'The request body is too large.' : `The request body exceeds the limit of ${error.limit} bytes.`,
        ...(error.limit === undefined ? {} : { limitBytes: error.limit }),
      };
    case 'charset.unsupported':
      return {
        type: problemType('unsupported-media-type'),
        title: 'Unsupported Media Type',
        status: 415,
        detail: 'The request body must be encoded as UTF-8.',
      };
    case 'encoding.unsupported':
      return {
        type: problemType('unsupported-media-type'),
        title: 'Unsupported Media Type',
        status: 415,
        detail: 'The request body uses an unsupported Content-Encoding; use gzip, deflate, br or none.',
      };
    default:
      return undefined;
  }
}

function detailOf(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string')) return message.join('; ');
  return undefined;
}

const STATUS_OF_KIND: Readonly<Record<RefusalKind, number>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  stale: 412,
  too_large: 413,
  unprocessable: 422,
  locked: 423,
  too_many: 429,
  unavailable: 503,
};

/** A refusal of any context or layer: its kind gives the status, its code the type. */
function fromRefusal(refusal: Refusal): MappedProblem {
  const status = STATUS_OF_KIND[refusal.kind];
  const errors = refusal.issues.map(({ path, message }) => ({ field: path, messages: [message] }));
  return {
    problem: {
      type: problemType(refusal.code.replaceAll('_', '-')),
      title: refusal.title ?? titleForStatus(status),
      status,
      detail: refusal.message,
      ...refusal.members,
      ...(errors.length === 0 ? {} : { errors }),
    },
    headers: refusal.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(refusal.retryAfterSeconds) },
    unexpected: false,
  };
}

/** What the event store refuses, as the client needs to hear it. */
function fromEventStore(exception: unknown): MappedProblem | undefined {
  const mapped = (slug: string, title: string, status: number, detail: string): MappedProblem => ({
    problem: { type: problemType(slug), title, status, detail },
    headers: {},
    unexpected: false,
  });
  if (exception instanceof WrongExpectedVersionError) {
    return mapped('concurrent-modification', 'Another request changed the resource at the same time', 409, exception.message);
  }
  if (exception instanceof MaxAppendSizeExceededError) return mapped('payload-too-large', 'Change too large', 413, exception.message);
  if (exception instanceof StreamDeletedError) return mapped('gone', 'Gone', 410, `${exception.streamName} was deleted`);
  // The log is out of reach (EventStoreDB down, a cluster without a leader): the client may
  // retry, and a command retried with its Idempotency-Key is written once.
  if (exception instanceof EventStoreUnavailableError) {
    const detail =
      'The event store cannot be reached right now. Retry later; a command retried with the same Idempotency-Key is applied once.';
    return {
      ...mapped('event-store-unavailable', titleForStatus(503), 503, detail),
      headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
      unexpected: true,
    };
  }
  return undefined;
}

const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the correlation id when reporting it.';

/**
 * Turns anything thrown while handling a request into the problem the client gets: the one place
 * where a refusal becomes a response (contexts throw Refusals, the HTTP edge ProblemExceptions).
 */
export function toProblem(exception: unknown): MappedProblem {
  if (exception instanceof Refusal) return fromRefusal(exception);
  const fromStore = fromEventStore(exception);
  if (fromStore !== undefined) return fromStore;
  if (exception instanceof ProblemException) {
    return { problem: exception.problem, headers: exception.headers, unexpected: exception.problem.status >= 500 };
  }

  const parserError = bodyParserError(exception);
  const parserProblem = parserError && parserError.status < 500 ? fromBodyParser(parserError) : undefined;
  if (parserProblem) return { problem: parserProblem, headers: {}, unexpected: false };

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // A 5xx HttpException may have been built from an internal message; the client
    // gets the generic text and the log gets the rest.
    const unexpected = status >= 500;
    const detail = unexpected ? INTERNAL_DETAIL : detailOf(exception);
    return {
      problem: {
        type: problemType(slugForStatus(status)),
        title: titleForStatus(status),
        status,
        ...(detail === undefined ? {} : { detail }),
      },
      headers: {},
      unexpected,
    };
  }

  return {
    problem: { type: problemType('internal-error'), title: titleForStatus(500), status: 500, detail: INTERNAL_DETAIL },
    headers: {},
    unexpected: true,
  };
}
