import { chainLinksOf, ChainVerifier, type ChainReport } from '../../kernel/hash-chain.js';
import { chainableOf, type ExportLine } from './export-line.js';

export interface StreamVerification {
  readonly streamId: string;
  readonly report: ChainReport;
  /** The hash each line claims, by revision: to find a head recorded earlier. */
  readonly hashes: readonly string[];
}

export type ExportVerification =
  | { readonly ok: true; readonly streams: readonly StreamVerification[] }
  | { readonly ok: false; readonly streams: readonly StreamVerification[]; readonly problem?: string };

/**
 * Verifies an export without any server: parses each NDJSON line and recomputes every
 * stream's chain with the same code the server uses. A file may hold several streams;
 * each must be complete from revision 0 and in order. An unreadable line fails the export.
 */
export function verifyExport(ndjson: string): ExportVerification {
  const verifiers = new Map<string, ChainVerifier>();
  const hashes = new Map<string, string[]>();
  const lines = ndjson.split('\n');
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const line = parseLine(text);
    if (line === undefined)
      return { ok: false, streams: reports(verifiers, hashes), problem: `line ${index + 1} is not an exported event` };
    let verifier = verifiers.get(line.streamId);
    if (verifier === undefined) {
      verifier = new ChainVerifier(line.streamId);
      verifiers.set(line.streamId, verifier);
      hashes.set(line.streamId, []);
    }
    verifier.accept(chainableOf(line));
    hashes.get(line.streamId)?.push(chainLinksOf(line.metadata).hash ?? '');
  }
  const streams = reports(verifiers, hashes);
  if (streams.length === 0) return { ok: false, streams, problem: 'the export holds no events' };
  return streams.every(({ report }) => report.ok) ? { ok: true, streams } : { ok: false, streams };
}

/**
 * Where a head hash recorded earlier sits in a verified stream: the revision whose event has
 * it, so everything up to there is unchanged since it was recorded; undefined if no verified
 * event has it (the record was altered, or the head belongs to another stream).
 */
export function revisionOfHead(stream: StreamVerification, head: string): number | undefined {
  if (!stream.report.ok) return undefined;
  const revision = stream.hashes.indexOf(head.toLowerCase());
  return revision < 0 ? undefined : revision;
}

function reports(verifiers: ReadonlyMap<string, ChainVerifier>, hashes: ReadonlyMap<string, string[]>): StreamVerification[] {
  return [...verifiers].map(([streamId, verifier]) => ({ streamId, report: verifier.report(), hashes: hashes.get(streamId) ?? [] }));
}

function parseLine(text: string): ExportLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const line = value as Record<string, unknown>;
  const wellFormed =
    typeof line.streamId === 'string' &&
    typeof line.revision === 'number' &&
    typeof line.eventId === 'string' &&
    typeof line.type === 'string' &&
    'data' in line &&
    'metadata' in line;
  return wellFormed ? (value as ExportLine) : undefined;
}
