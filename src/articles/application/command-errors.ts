/** Failures of command handling that are not workflow rules (those are ArticleRuleViolation). */

/** If-Match named a revision that is no longer current. */
export class StaleRevisionError extends Error {
  constructor(
    readonly articleId: string,
    readonly expectedRevision: bigint,
    readonly actualRevision: bigint | undefined,
  ) {
    super(
      `Article ${articleId} is at revision ${actualRevision === undefined ? 'none' : String(actualRevision)}, not ${String(expectedRevision)}`,
    );
    this.name = 'StaleRevisionError';
  }
}

/** Another command changed the article between our read and our append. */
export class ConcurrentModificationError extends Error {
  constructor(
    readonly articleId: string,
    readonly actualRevision: bigint | 'no_stream',
  ) {
    super(`Article ${articleId} was changed by another request (now at revision ${String(actualRevision)}); read it and retry`);
    this.name = 'ConcurrentModificationError';
  }
}

/** The same Idempotency-Key was sent again with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key '${idempotencyKey}' was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
