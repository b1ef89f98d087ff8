/**
 * Failures of command handling that are not contributor rules (those are
 * ContributorRuleViolation). They mirror the article shell's errors, which name an article.
 */

/** If-Match named a revision that is no longer current. */
export class StaleContributorRevisionError extends Error {
  constructor(
    readonly contributorId: string,
    readonly expectedRevision: bigint,
    readonly actualRevision: bigint | undefined,
  ) {
    const actual = actualRevision === undefined ? 'none (no profile yet)' : String(actualRevision);
    super(`Contributor ${contributorId} is at revision ${actual}, not ${String(expectedRevision)}`);
    this.name = 'StaleContributorRevisionError';
  }
}

/** Another command changed the contributor between our read and our append. */
export class ConcurrentContributorModificationError extends Error {
  constructor(
    readonly contributorId: string,
    readonly actualRevision: bigint | 'no_stream',
  ) {
    super(
      `Contributor ${contributorId} was changed by another request (now at revision ${String(actualRevision)}); read it and retry`,
    );
    this.name = 'ConcurrentContributorModificationError';
  }
}
