import { Refusal } from '../kernel/refusal.js';

/**
 * What an audit query can answer besides a result. Refusals, so the CLI says them in its own
 * words and the HTTP edge answers them like every other refusal.
 */

export class AuditedArticleNotFoundError extends Refusal {
  constructor(readonly articleId: string) {
    super('not_found', 'not_found', `Article ${articleId} does not exist`, { title: 'Not found' });
  }
}

/** The article exists, but not at the point asked for (before its creation, or past its last revision). */
export class NoSuchRevisionError extends Refusal {
  constructor(
    readonly articleId: string,
    message: string,
    readonly details: { readonly createdAt?: string; readonly latestRevision: number },
  ) {
    super('not_found', 'no_such_revision', message, { title: 'The article did not exist at that point', members: { ...details } });
  }
}

/** A query that cannot be answered as asked (e.g. both `revision` and `at`). */
export class InvalidAuditQueryError extends Refusal {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('invalid', 'validation_failed', message, { title: 'Invalid request', issues: [{ path: field, message }] });
  }
}
