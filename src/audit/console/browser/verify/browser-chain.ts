import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../../../../kernel/canonical-json.js';
import type { ChainBreakCode, ExportLine } from '../api/wire.js';

/**
 * The hash chain recomputed in the browser from a history export, independently of the
 * server's own check: the scheme of docs/auditing.md ("Tamper evidence"), with RFC 8785
 * canonical JSON and SHA-256 (a JavaScript implementation, so it works on plain-HTTP
 * intranet hosts too, where the browser withholds its WebCrypto API).
 */
export const CHAIN_SCHEME = 'redaksi-chain/1';
export const GENESIS_HASH = '0'.repeat(64);

/** Each event's standing: verified, the first one that is not, or past a break (cannot be vouched for). */
export type EventChainStatus = 'verified' | 'broken' | 'after_break';

export type BrowserChainReport =
  | { readonly ok: true; readonly events: number; readonly head: string; readonly statuses: readonly EventChainStatus[] }
  | {
      readonly ok: false;
      readonly events: number;
      readonly brokenAt: number;
      readonly code: ChainBreakCode;
      readonly statuses: readonly EventChainStatus[];
    };

export type ParsedExport =
  | { readonly ok: true; readonly lines: readonly ExportLine[] }
  | { readonly ok: false; readonly line: number; readonly problem: 'not_an_event' | 'empty' };

export function parseExport(ndjson: string): ParsedExport {
  const lines: ExportLine[] = [];
  for (const [index, text] of ndjson.split('\n').entries()) {
    if (text.trim() === '') continue;
    const line = parseLine(text);
    if (line === undefined) return { ok: false, line: index + 1, problem: 'not_an_event' };
    lines.push(line);
  }
  return lines.length === 0 ? { ok: false, line: 0, problem: 'empty' } : { ok: true, lines };
}

/** The hash an event should carry: SHA-256 of the canonical JSON of what the chain covers. */
export function expectedHash(line: ExportLine): string {
  const { hash: _hash, ...metadata } = objectOf(line.metadata) ?? {};
  const covered = {
    scheme: CHAIN_SCHEME,
    streamId: line.streamId,
    revision: line.revision,
    eventId: line.eventId.toLowerCase(),
    type: line.type,
    data: line.data,
    metadata,
  };
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(covered))));
}

/** Verifies one stream's export, oldest first; stops vouching at the first break. */
export function verifyStream(streamId: string, lines: readonly ExportLine[]): BrowserChainReport {
  let previous = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    const code = breakAt(streamId, index, line, previous);
    if (code !== undefined) {
      const statuses = lines.map((_, n): EventChainStatus => (n < index ? 'verified' : n === index ? 'broken' : 'after_break'));
      return { ok: false, events: lines.length, brokenAt: index, code, statuses };
    }
    previous = hashOf(line) ?? '';
  }
  return { ok: true, events: lines.length, head: previous, statuses: lines.map(() => 'verified') };
}

function breakAt(streamId: string, expectedRevision: number, line: ExportLine, previous: string): ChainBreakCode | undefined {
  if (line.streamId !== streamId) return 'not_chainable';
  if (line.revision !== expectedRevision) return 'revision_gap';
  const metadata = objectOf(line.metadata);
  const hash = metadata?.hash;
  const previousHash = metadata?.previousHash;
  if (typeof hash !== 'string' || typeof previousHash !== 'string') return 'missing_hash';
  if (previousHash !== previous) return 'previous_hash_mismatch';
  return expectedHash(line) === hash ? undefined : 'hash_mismatch';
}

function hashOf(line: ExportLine): string | undefined {
  const hash = objectOf(line.metadata)?.hash;
  return typeof hash === 'string' ? hash : undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseLine(text: string): ExportLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const line = objectOf(value);
  const wellFormed =
    line !== undefined &&
    typeof line.streamId === 'string' &&
    typeof line.revision === 'number' &&
    typeof line.eventId === 'string' &&
    typeof line.type === 'string' &&
    'data' in line &&
    'metadata' in line;
  return wellFormed ? (value as ExportLine) : undefined;
}
