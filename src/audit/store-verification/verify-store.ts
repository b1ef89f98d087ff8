import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import { CONTRIBUTOR_EVENTS } from '../../contributors/model/events.js';
import {
  comparePositions,
  type EventStore,
  EXCLUDE_SYSTEM_EVENTS,
  type Position,
  type RecordedEvent,
} from '../../platform/event-store/event-store.port.js';
import { DENIALS_STREAM } from '../denials/denial.js';
import { type ChainBreak, chainLinksOf, ChainVerifier } from '../../kernel/hash-chain.js';

/**
 * Categories whose every stream must be sealed (those the command executor writes, and the
 * denial log): an unsealed event there is a break, so stripping the hashes off a stream cannot
 * hide it. Streams of other categories (slug reservations) are verified when their first event
 * carries a hash and counted as unchained otherwise.
 */
export const SEALED_CATEGORIES: readonly string[] = [ARTICLE_EVENTS.category, CONTRIBUTOR_EVENTS.category, categoryOf(DENIALS_STREAM)];

export interface StoreScanProgress {
  readonly events: number;
  readonly streams: number;
  /** 0..1: how far through the log the scan is. */
  readonly fraction: number;
}

export interface StoreVerification {
  readonly ok: boolean;
  /** Streams whose chain was checked, and the events in them. */
  readonly streams: number;
  readonly events: number;
  /** Streams outside SEALED_CATEGORIES that carry no hashes. */
  readonly unchainedStreams: number;
  /** The first break of every broken stream. */
  readonly breaks: readonly ChainBreak[];
}

export interface VerifyStoreOptions {
  readonly pageSize?: number;
  readonly onProgress?: (progress: StoreScanProgress) => void;
}

/**
 * Checks every stream's chain in one forward pass over the whole log, holding one small
 * verifier per stream rather than any events. Within a stream the log's order is revision
 * order, so each verifier sees its events just as a stream read would give them.
 */
export async function verifyStore(store: EventStore, options: VerifyStoreOptions = {}): Promise<StoreVerification> {
  const pageSize = Math.max(2, options.pageSize ?? 1_000);
  const [head] = await store.readAll({ direction: 'backwards', maxCount: 1, filter: EXCLUDE_SYSTEM_EVENTS });
  const verifiers = new Map<string, ChainVerifier | 'unchained'>();
  let events = 0;
  let last: Position | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition: last ?? 'start', maxCount: pageSize, filter: EXCLUDE_SYSTEM_EVENTS });
    // Reads start at (not after) a position, so the page repeats the previous page's last event.
    const previous = last;
    const fresh = previous === undefined ? page : page.filter((event) => comparePositions(event.position, previous) > 0);
    for (const event of fresh) {
      if (event.streamId.startsWith('$')) continue;
      const verifier = verifierFor(verifiers, event);
      if (verifier === 'unchained') continue;
      verifier.accept(event);
      events += 1;
    }
    last = page.at(-1)?.position ?? last;
    options.onProgress?.({ events, streams: verifiers.size, fraction: fractionOf(last, head?.position) });
    if (page.length < pageSize || fresh.length === 0) break;
  }
  const checked = [...verifiers.values()].filter((verifier) => verifier !== 'unchained');
  const breaks = checked.flatMap((verifier) => {
    const report = verifier.report();
    return report.ok ? [] : [{ streamId: verifier.streamId, revision: report.brokenAt, code: report.code, reason: report.reason }];
  });
  return { ok: breaks.length === 0, streams: checked.length, events, unchainedStreams: verifiers.size - checked.length, breaks };
}

function verifierFor(verifiers: Map<string, ChainVerifier | 'unchained'>, event: RecordedEvent): ChainVerifier | 'unchained' {
  const known = verifiers.get(event.streamId);
  if (known !== undefined) return known;
  const sealed = SEALED_CATEGORIES.includes(categoryOf(event.streamId)) || chainLinksOf(event.metadata).hash !== undefined;
  const verifier = sealed ? new ChainVerifier(event.streamId) : 'unchained';
  verifiers.set(event.streamId, verifier);
  return verifier;
}

function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}

function fractionOf(position: Position | undefined, head: Position | undefined): number {
  if (position === undefined || head === undefined || head.commit === 0n) return 1;
  return Math.min(1, Number(position.commit) / Number(head.commit));
}
