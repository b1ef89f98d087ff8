import { HttpException } from '@nestjs/common';

/**
 * Problem types are absolute URIs under one base, so a client can switch on `type`
 * without resolving it against the request URL (RFC 9457 §3.1.1), and the slug alone
 * reads well in logs. They identify the problem; nothing needs to be served there.
 */
export const PROBLEM_TYPE_BASE = 'https://redaksi.dev/problems/';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

/** RFC 9457 problem details, as sent to the client. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

export interface ProblemInit {
  readonly status: number;
  /** Slug such as `illegal-transition`; becomes `https://redaksi.dev/problems/<slug>`. */
  readonly type: string;
  /** Short and the same for every occurrence of this type. */
  readonly title: string;
  /** This occurrence, for a human; never internals. */
  readonly detail?: string;
  /** Machine-readable members, e.g. `{ currentStatus, expectedRevision, actualRevision }`. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Sent with the problem, e.g. `{ 'WWW-Authenticate': 'Bearer' }` or `{ 'Retry-After': '1' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance']);

/**
 * Thrown by controllers and handlers to answer with a typed problem; the global
 * ProblemDetailsFilter writes it as application/problem+json.
 */
export class ProblemException extends HttpException {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: ProblemInit) {
    const clash = Object.keys(init.extensions ?? {}).find((key) => RESERVED.has(key));
    if (clash !== undefined) throw new TypeError(`Problem extension "${clash}" would overwrite a standard member`);
    const problem: ProblemDetails = {
      type: problemType(init.type),
      title: init.title,
      status: init.status,
      ...(init.detail === undefined ? {} : { detail: init.detail }),
      ...init.extensions,
    };
    super(problem, init.status, { cause: init.cause });
    this.problem = problem;
    this.headers = init.headers ?? {};
  }
}
