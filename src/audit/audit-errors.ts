/**
 * What an audit query can answer besides a result. Plain errors, so the CLI and the HTTP edge
 * (audit-problems.interceptor.ts) share the queries and each says it in its own way.
 */

export class AuditedArticleNotFoundError extends Error {
  constructor(readonly articleId: string) {
    super(`Article ${articleId} does not exist`);
    this.name = 'AuditedArticleNotFoundError';
  }
}

/** The article exists, but not at the point asked for (before its creation, or past its last revision). */
export class NoSuchRevisionError extends Error {
  constructor(
    readonly articleId: string,
    message: string,
    readonly details: { readonly createdAt?: string; readonly latestRevision: number },
  ) {
    super(message);
    this.name = 'NoSuchRevisionError';
  }
}

/** A query that cannot be answered as asked (e.g. both `revision` and `at`). */
export class InvalidAuditQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidAuditQueryError';
  }
}
