/**
 * Why a request is refused, in words every layer shares. A context says *what* went wrong
 * (a kind, a code, a message, the failing fields); the one problem mapping in platform/http
 * says *how* it is answered (the HTTP status of each kind, application/problem+json). So no
 * context builds a response, and every refusal of every context is answered the same way.
 */

/**
 * invalid → 400, forbidden → 403, not_found → 404, conflict → 409, gone → 410,
 * stale → 412 (a precondition such as If-Match failed), too_large → 413,
 * unprocessable → 422, locked → 423, too_many → 429, unavailable → 503 (try again later).
 */
export type RefusalKind =
  | 'invalid'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'stale'
  | 'too_large'
  | 'unprocessable'
  | 'locked'
  | 'too_many'
  | 'unavailable';

/** A failing field, for the 400 problem details. `path` is relative to what was validated. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export interface RefusalDetails {
  /** Short and the same for every refusal of this code; the mapping has a default per kind. */
  readonly title?: string;
  readonly issues?: readonly ValidationIssue[];
  /** Machine-readable members of the problem, e.g. `{ expectedRevision, actualRevision }`. */
  readonly members?: Readonly<Record<string, unknown>>;
  /** For `unavailable` and `too_many`: when to try again. */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export class Refusal extends Error {
  readonly title: string | undefined;
  readonly issues: readonly ValidationIssue[];
  readonly members: Readonly<Record<string, unknown>>;
  readonly retryAfterSeconds: number | undefined;

  /** `code` names the refusal (`four_eyes`, `invalid_cursor`); the problem type is made from it. */
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    details: RefusalDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.title = details.title;
    this.issues = details.issues ?? [];
    this.members = details.members ?? {};
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** A request that fails validation of one or more fields, reported like the validation pipe reports. */
export function invalidFields(issues: readonly ValidationIssue[], message?: string): Refusal {
  const fields = [...new Set(issues.map((issue) => issue.path))];
  return new Refusal(
    'invalid',
    'validation_failed',
    message ?? `Invalid value${fields.length === 1 ? '' : 's'} for ${fields.join(', ')}.`,
    {
      title: 'Invalid request',
      issues,
    },
  );
}
