import type { Actor, Content, Denial, ExportLine, HistoryEntry, Integrity } from '../api/wire.js';
import type { EventChainStatus } from '../verify/browser-chain.js';
import { sentenceInIndonesian, workingCopyAfter } from './event-words-id.js';

export type ChainStanding = EventChainStatus | 'unchecked';

export interface TimelineEvent {
  readonly kind: 'event';
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor | null;
  readonly correlationId: string | null;
  readonly commandType: string | null;
  readonly hash: string | null;
  /** The API's own words (English), and the console's Indonesian where it knows the event. */
  readonly summary: { readonly en: string; readonly id: string };
  readonly chain: ChainStanding;
}

export interface TimelineDenial {
  readonly kind: 'denial';
  readonly at: string;
  readonly denial: Denial;
}

export type TimelineRow = TimelineEvent | TimelineDenial;

export interface TimelineInput {
  readonly history: readonly HistoryEntry[];
  /** The export's lines, when it was loaded: the data behind the Indonesian sentences. */
  readonly lines?: readonly ExportLine[];
  /** Per revision, from the check in the browser. */
  readonly browserChain?: readonly EventChainStatus[];
  /** The server's own check. */
  readonly serverChain?: Integrity;
  readonly denials: readonly Denial[];
  readonly formatTime: (iso: string) => string;
}

/**
 * The rows of an article's timeline, oldest first: its events in revision order, with the
 * denied attempts on it placed where they happened in time. An event's chain standing is the
 * worse of the two checks, so a server that vouches for a record the browser cannot verify
 * (or the other way round) never shows as verified.
 */
export function timelineRows(input: TimelineInput): TimelineRow[] {
  const lines = new Map((input.lines ?? []).map((line) => [line.revision, line]));
  let workingCopy: Content | undefined;
  const events = input.history.map((entry): TimelineEvent => {
    const line = lines.get(entry.revision);
    const actorName = entry.actor?.displayName ?? '—';
    const indonesian =
      line === undefined ? undefined : sentenceInIndonesian(entry.type, line.data, actorName, workingCopy, input.formatTime);
    if (line !== undefined) workingCopy = workingCopyAfter(entry.type, line.data, workingCopy);
    return {
      kind: 'event',
      revision: entry.revision,
      type: entry.type,
      occurredAt: entry.occurredAt,
      recordedAt: entry.recordedAt,
      actor: entry.actor,
      correlationId: entry.correlationId,
      commandType: entry.commandType,
      hash: entry.hash,
      summary: { en: entry.summary, id: indonesian ?? entry.summary },
      chain: worse(input.browserChain?.[entry.revision], serverStanding(input.serverChain, entry.revision)),
    };
  });
  return merged(events, input.denials);
}

function serverStanding(integrity: Integrity | undefined, revision: number): ChainStanding {
  if (integrity === undefined) return 'unchecked';
  if (integrity.ok) return revision < integrity.events ? 'verified' : 'unchecked';
  return revision < integrity.brokenAt ? 'verified' : revision === integrity.brokenAt ? 'broken' : 'after_break';
}

const RANK: Readonly<Record<ChainStanding, number>> = { verified: 0, unchecked: 1, after_break: 2, broken: 3 };

function worse(browser: EventChainStatus | undefined, server: ChainStanding): ChainStanding {
  if (browser === undefined) return server;
  return RANK[browser] >= RANK[server] ? browser : server;
}

/** Denials go before the first event that occurred after them; events keep their revision order. */
function merged(events: readonly TimelineEvent[], denials: readonly Denial[]): TimelineRow[] {
  const pending = [...denials].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const rows: TimelineRow[] = [];
  for (const event of events) {
    while (pending.length > 0 && Date.parse(pending[0]!.at) < Date.parse(event.occurredAt)) {
      const denial = pending.shift()!;
      rows.push({ kind: 'denial', at: denial.at, denial });
    }
    rows.push(event);
  }
  for (const denial of pending) rows.push({ kind: 'denial', at: denial.at, denial });
  return rows;
}
