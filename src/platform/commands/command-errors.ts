import { Refusal } from '../../kernel/refusal.js';

/**
 * Failures of command handling that are not a context's rules (those are DomainRuleViolations).
 * They name the stream, and the resource in words for the problem's detail.
 */

/** Where a command ran: `article-<id>` and "Article <id>". */
export interface CommandTarget {
  readonly streamId: string;
  readonly resource: string;
}

/** If-Match named a revision that is no longer current. */
export class StaleRevisionError extends Refusal {
  constructor(
    readonly target: CommandTarget,
    readonly expectedRevision: bigint,
    readonly actualRevision: bigint | undefined,
  ) {
    const actual = actualRevision === undefined ? 'none (it does not exist yet)' : String(actualRevision);
    super('stale', 'stale_revision', `${target.resource} is at revision ${actual}, not ${String(expectedRevision)}`, {
      title: 'The resource changed since the revision in If-Match',
      members: { expectedRevision: Number(expectedRevision), actualRevision: actualRevision === undefined ? null : Number(actualRevision) },
    });
  }
}

/** Another command changed the stream between our read and our append. */
export class ConcurrentModificationError extends Refusal {
  constructor(
    readonly target: CommandTarget,
    readonly actualRevision: bigint | 'no_stream',
  ) {
    super(
      'conflict',
      'concurrent_modification',
      `${target.resource} was changed by another request (now at revision ${String(actualRevision)}); read it and retry`,
      { title: 'Another request changed the resource at the same time' },
    );
  }
}

/** The same Idempotency-Key was sent again with a different request. */
export class IdempotencyKeyReusedError extends Refusal {
  constructor(
    readonly target: CommandTarget,
    readonly idempotencyKey: string,
  ) {
    super(
      'unprocessable',
      'idempotency_key_reused',
      `Idempotency-Key '${idempotencyKey}' was already used for a different request on ${target.resource}`,
      { title: 'Idempotency-Key already used for a different request' },
    );
  }
}
