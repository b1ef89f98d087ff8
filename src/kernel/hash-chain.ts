import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { asJsonObject, type JsonObject, type JsonValue } from './json.js';

/**
 * Tamper evidence for a stream: every event's metadata carries `hash`, the SHA-256 of its
 * canonical content, and `previousHash`, the hash of the event before it in the same stream
 * (GENESIS_HASH for revision 0). Changing, removing or inserting any event breaks the chain at
 * that revision. Pure and storage-agnostic, so any context (articles, contributors, the denial
 * log) and the offline export verifier share exactly one definition. docs/auditing.md spells
 * the scheme out for auditors who want to re-implement it.
 */

/** Part of what is hashed: a later scheme can never produce the same hash for the same event. */
export const HASH_CHAIN_SCHEME = 'redaksi-chain/1';
/** What the first event of a stream chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The parts of a stored event the hash covers; RecordedEvent and an export line both fit. */
export interface ChainableEvent {
  readonly streamId: string;
  readonly revision: bigint | number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue | Uint8Array;
  readonly metadata: JsonValue | undefined;
}

export interface ChainLinks {
  readonly previousHash: string;
  readonly hash: string;
}

/**
 * SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of
 * `{scheme, streamId, revision, eventId, type, data, metadata}`, where metadata is the event's
 * metadata without `hash` (so `previousHash` is covered, which is what links the chain).
 * Left out on purpose: the global position and the store's `created` time, which a store
 * assigns and a migration between stores changes; the time that matters is metadata.occurredAt.
 */
export function eventHash(event: ChainableEvent): string {
  if (event.data instanceof Uint8Array) throw new TypeError(`Event ${event.id} is binary; only JSON events are chained`);
  const { hash: _excluded, ...metadata } = metadataObject(event.metadata) ?? {};
  const content = {
    scheme: HASH_CHAIN_SCHEME,
    streamId: event.streamId,
    revision: Number(event.revision),
    eventId: event.id.toLowerCase(),
    type: event.type,
    data: event.data,
    metadata,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** The hash links an event carries, if it carries any. */
export function chainLinksOf(metadata: JsonValue | undefined): Partial<ChainLinks> {
  const object = metadataObject(metadata);
  const hash = object?.hash;
  const previousHash = object?.previousHash;
  return {
    ...(typeof hash === 'string' ? { hash } : {}),
    ...(typeof previousHash === 'string' ? { previousHash } : {}),
  };
}

/** Where the next append to a stream continues the chain. */
export interface ChainTip {
  readonly nextRevision: bigint;
  readonly previousHash: string;
}

/**
 * The tip after the last recorded event (undefined: the stream is empty). An event written
 * before hashing existed has no hash of its own; the chain then continues from the hash its
 * content would have had, and verification still reports that event as unsealed.
 */
export function chainTipAfter(last: ChainableEvent | undefined): ChainTip {
  if (last === undefined) return { nextRevision: 0n, previousHash: GENESIS_HASH };
  return { nextRevision: BigInt(last.revision) + 1n, previousHash: chainLinksOf(last.metadata).hash ?? eventHash(last) };
}

/**
 * Seals events about to be appended at `tip` (with the matching exact expected revision):
 * each gets `previousHash` and `hash` added to its metadata. The append must land at exactly
 * those revisions, or the hashes describe positions the events do not hold.
 */
export interface SealableEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue | Uint8Array;
  readonly metadata?: JsonValue;
}

export function sealEvents<Event extends SealableEvent>(streamId: string, tip: ChainTip, events: readonly Event[]): Event[] {
  let previousHash = tip.previousHash;
  return events.map((event, index) => {
    const metadata = { ...(metadataObject(event.metadata) ?? {}), previousHash };
    const hash = eventHash({
      streamId,
      revision: tip.nextRevision + BigInt(index),
      id: event.id,
      type: event.type,
      data: event.data,
      metadata,
    });
    previousHash = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

export type ChainBreakCode = 'revision_gap' | 'missing_hash' | 'previous_hash_mismatch' | 'hash_mismatch' | 'not_chainable';

export interface ChainBreak {
  readonly streamId: string;
  /** The first revision whose record cannot be trusted. */
  readonly revision: number;
  readonly code: ChainBreakCode;
  readonly reason: string;
}

export type ChainReport =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | { readonly ok: false; readonly events: number; readonly brokenAt: number; readonly code: ChainBreakCode; readonly reason: string };

/**
 * Checks one stream's events in revision order, one at a time, so a caller can feed it from
 * a stream read, a scan of the whole log or an export file without holding them all.
 * Stops at the first break: everything after it is unverifiable anyway.
 */
export class ChainVerifier {
  private expectedRevision = 0;
  private previousHash = GENESIS_HASH;
  private seen = 0;
  private broken: ChainBreak | undefined;

  constructor(readonly streamId: string) {}

  /** The break this event reveals (or an earlier one); undefined while the chain holds. */
  accept(event: ChainableEvent): ChainBreak | undefined {
    if (this.broken !== undefined) return this.broken;
    this.seen += 1;
    const revision = Number(event.revision);
    const fail = (code: ChainBreakCode, reason: string, at = revision): ChainBreak =>
      (this.broken = { streamId: this.streamId, revision: at, code, reason });

    if (event.streamId !== this.streamId)
      return fail('not_chainable', `the event belongs to stream ${event.streamId}, not ${this.streamId}`);
    if (revision !== this.expectedRevision) {
      return fail(
        'revision_gap',
        `revision ${this.expectedRevision} is missing (the next event found is revision ${revision})`,
        this.expectedRevision,
      );
    }
    if (event.data instanceof Uint8Array) return fail('not_chainable', 'the event is binary; only JSON events are chained');
    const links = chainLinksOf(event.metadata);
    if (links.hash === undefined || links.previousHash === undefined) {
      return fail('missing_hash', 'the event carries no hash in its metadata (written before hashing, or the hash was removed)');
    }
    if (links.previousHash !== this.previousHash) {
      return fail(
        'previous_hash_mismatch',
        revision === 0
          ? 'the first event does not chain to the genesis hash'
          : `previousHash does not match the hash of revision ${revision - 1} (an earlier event was altered, removed or inserted)`,
      );
    }
    if (eventHash(event) !== links.hash) {
      return fail('hash_mismatch', 'the event no longer matches its hash (its type, data or metadata was altered after it was written)');
    }
    this.previousHash = links.hash;
    this.expectedRevision += 1;
    return undefined;
  }

  /** The result so far: head is the hash of the last verified event (GENESIS_HASH for none). */
  report(): ChainReport {
    const broken = this.broken;
    if (broken === undefined) return { ok: true, events: this.seen, head: this.previousHash };
    return { ok: false, events: this.seen, brokenAt: broken.revision, code: broken.code, reason: broken.reason };
  }
}

/** Verifies a whole stream given in revision order. */
export function verifyChain(streamId: string, events: Iterable<ChainableEvent>): ChainReport {
  const verifier = new ChainVerifier(streamId);
  for (const event of events) {
    if (verifier.accept(event) !== undefined) break;
  }
  return verifier.report();
}

function metadataObject(metadata: JsonValue | undefined): JsonObject | undefined {
  return asJsonObject(metadata);
}
