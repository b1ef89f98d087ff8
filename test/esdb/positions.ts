/**
 * TEST-ONLY. Log positions as the test server shows them: not the backing store's dense sequence
 * numbers, but byte offsets with gaps between records, as a real transaction file has them.
 *
 * A real server gives an event written by a normal append commit = prepare = the offset of its
 * record. Events written long ago in an explicit transaction (and so still found in old logs) carry
 * the offset of the transaction's commit record as their commit position, shared by all of them and
 * larger than every prepare position of the transaction. `legacyCommits` makes appends through the
 * server look like that, so that nothing downstream can get away with comparing commit positions alone.
 *
 * The mapping depends only on the prepare position, so any position the server handed out (event,
 * checkpoint, append result) maps back to the backing store's sequence number.
 */
import type { Position } from '../../src/platform/event-store/event-store.port.js';

/** Bytes between two records on the wire; a real log has record-sized gaps, this has fixed ones. */
export const RECORD_STRIDE = 1_000n;

export class WirePositions {
  /** Backing sequence number → commit position shared by its legacy transaction. */
  private readonly commits = new Map<bigint, bigint>();

  constructor(private readonly legacyCommits: boolean) {}

  /** A backing position (commit = prepare = sequence number) as the wire shows it. */
  toWire(position: Position): Position {
    const sequence = position.prepare;
    const prepare = sequence * RECORD_STRIDE;
    return { commit: this.commits.get(sequence) ?? prepare, prepare };
  }

  /** The first backing sequence number at or after a wire position (inclusive reads forwards). */
  firstAtOrAfter(position: Position): bigint {
    return (position.prepare + RECORD_STRIDE - 1n) / RECORD_STRIDE;
  }

  /** The last backing sequence number at or before a wire position (subscriptions start after it). */
  lastAtOrBefore(position: Position): bigint {
    return position.prepare / RECORD_STRIDE;
  }

  /**
   * Where a backwards read of $all from a wire position starts: the last record that ends at or before
   * it (AllReader reads the record before the position), so the event at the position itself is not
   * part of the read. -1 when none does.
   */
  lastEndingAtOrBefore(position: Position): bigint {
    return position.prepare / RECORD_STRIDE - 1n;
  }

  /** Called for the events of one append through the server, first to last sequence number. */
  appended(first: bigint, last: bigint): void {
    if (!this.legacyCommits || last <= first) return;
    // The commit record follows the transaction's last prepare, before the next record.
    const commit = last * RECORD_STRIDE + RECORD_STRIDE / 2n;
    for (let s = first; s <= last; s++) this.commits.set(s, commit);
  }
}

export function backingPosition(sequence: bigint): Position {
  return { commit: sequence, prepare: sequence };
}
