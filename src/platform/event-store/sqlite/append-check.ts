import { type ActualRevision, StreamDeletedError, WrongExpectedVersionError } from '../errors.js';
import type { ExpectedRevision } from '../event-store.port.js';

/** What the writer knows about a stream inside its transaction. lastRevision is -1 for a stream without events. */
export interface StreamHead {
  readonly lastRevision: bigint;
  readonly softDeleted: boolean;
  readonly tombstoned: boolean;
}

export interface AppendLookups {
  /** Whether `$$<stream>` has events: EventStoreDB lets stream_exists pass on a stream that only has metadata. */
  metadataStreamExists(): boolean;
  eventIdAt(revision: bigint): string | undefined;
  /** Revision of the latest event in this stream with that id. */
  revisionOfEventId(eventId: string): bigint | undefined;
}

export type AppendDecision =
  | { readonly kind: 'write' }
  /** Every event is already there: answer with the revision of the last of them, write nothing. */
  | { readonly kind: 'idempotent'; readonly lastRevision: bigint };

/**
 * EventStoreDB's commit check (IndexWriter.CheckCommit), decision for decision, so that the embedded store
 * answers retries and races as the server does:
 * - a tombstoned stream refuses everything; stream_exists on a soft-deleted stream reports it deleted;
 * - with any/stream_exists, a batch whose first id is already in the stream is a retry: all ids there →
 *   idempotent, only some → wrong expected version;
 * - with an exact revision (no_stream = -1) behind the head, the events after it must carry the same ids in the
 *   same order (idempotent) or the append is stale; a partial match is wrong expected version too.
 * An empty batch (deletes use it) checks the revision only.
 */
export function decideAppend(
  stream: string,
  expected: ExpectedRevision,
  eventIds: readonly string[],
  head: StreamHead,
  lookups: AppendLookups,
): AppendDecision {
  if (head.tombstoned) throw new StreamDeletedError(stream);
  const current = head.lastRevision;
  const wrong = () => new WrongExpectedVersionError(stream, expected, actualOf(current));

  if (expected === 'stream_exists') {
    if (head.softDeleted) throw new StreamDeletedError(stream);
    if (current < 0n && !lookups.metadataStreamExists()) throw wrong();
  }

  if (expected === 'any' || expected === 'stream_exists') {
    const [first, ...rest] = eventIds;
    if (first === undefined) return { kind: 'write' };
    const firstRevision = lookups.revisionOfEventId(first);
    if (firstRevision === undefined) return { kind: 'write' };
    let lastRevision = firstRevision;
    for (const id of rest) {
      const revision = lookups.revisionOfEventId(id);
      if (revision === undefined) throw wrong();
      lastRevision = revision;
    }
    return { kind: 'idempotent', lastRevision };
  }

  if (typeof expected === 'bigint' && expected < 0n) throw new RangeError(`Expected revision must be >= 0, got ${expected}`);
  const expectedRevision = expected === 'no_stream' ? -1n : expected;

  if (expectedRevision < current) {
    if (eventIds.length === 0) throw wrong();
    let revision = expectedRevision;
    for (const id of eventIds) {
      revision += 1n;
      if (lookups.eventIdAt(revision) === id) continue;
      const isFirst = revision === expectedRevision + 1n;
      // A soft-deleted stream takes no_stream: the new events continue its numbering.
      if (isFirst && expected === 'no_stream' && head.softDeleted) return { kind: 'write' };
      throw wrong();
    }
    return { kind: 'idempotent', lastRevision: revision };
  }
  if (expectedRevision > current) throw wrong();
  return { kind: 'write' };
}

function actualOf(current: bigint): ActualRevision {
  return current < 0n ? 'no_stream' : current;
}
