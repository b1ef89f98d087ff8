import { chainTipAfter, type SealableEvent, sealEvents, verifyChain } from '../../kernel/hash-chain.js';
import type { ExportLine } from './browser/api/wire.js';
import { parseExport, verifyStream } from './browser/verify/browser-chain.js';

const STREAM = 'article-0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43';

/** Events sealed by the server's own code, as the export writes them. */
function exported(count: number): ExportLine[] {
  const proposed: SealableEvent[] = Array.from({ length: count }, (_, n) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, 'A')}`,
    type: n === 0 ? 'ArticleDrafted' : 'ArticleRevised',
    data: { headline: `Banjir rendam ${n} rumah`, ratio: 0.1 * n, nested: { ü: 'ünïcödé', list: [3, 1, 2] } },
    metadata: { occurredAt: '2025-01-20T01:00:00.000Z', actor: { id: 'writer-dimas', roles: ['writer'] } },
  }));
  return sealEvents(STREAM, chainTipAfter(undefined), proposed).map((event, n) => ({
    streamId: STREAM,
    revision: n,
    position: String(n + 1),
    eventId: event.id,
    type: event.type,
    recordedAt: '2025-01-20T01:00:00.004Z',
    data: event.data,
    metadata: event.metadata,
  }));
}

const ndjson = (lines: readonly unknown[]) => lines.map((line) => `${JSON.stringify(line)}\n`).join('');

describe("the console's in-browser chain check agrees with the server's", () => {
  it('verifies what the server sealed, ending at the same head', () => {
    const lines = exported(4);
    const server = verifyChain(
      STREAM,
      lines.map((line) => ({ ...line, id: line.eventId, metadata: line.metadata as never, data: line.data as never })),
    );
    const parsed = parseExport(ndjson(lines));
    expect(parsed.ok).toBe(true);
    const browser = verifyStream(STREAM, parsed.ok ? parsed.lines : []);
    expect(browser).toEqual({ ok: true, events: 4, head: server.ok ? server.head : 'server broke', statuses: Array(4).fill('verified') });
  });

  it('names the first untrusted revision for an edit, a re-hashed edit and a missing event', () => {
    const lines = exported(4);
    const edited = lines.map((line, n) => (n === 2 ? { ...line, data: { ...(line.data as object), headline: 'Diubah' } } : line));
    expect(verifyStream(STREAM, edited)).toMatchObject({
      ok: false,
      brokenAt: 2,
      code: 'hash_mismatch',
      statuses: ['verified', 'verified', 'broken', 'after_break'],
    });

    const [rehashed] = sealEvents(STREAM, { nextRevision: 1n, previousHash: (lines[0]!.metadata as { hash: string }).hash }, [
      { id: lines[1]!.eventId, type: lines[1]!.type, data: { headline: 'Ditulis ulang' }, metadata: { occurredAt: 'x' } },
    ]);
    const resealed = lines.map((line, n) => (n === 1 ? { ...line, data: rehashed!.data, metadata: rehashed!.metadata } : line));
    expect(verifyStream(STREAM, resealed)).toMatchObject({ ok: false, brokenAt: 2, code: 'previous_hash_mismatch' });

    expect(verifyStream(STREAM, [lines[0]!, lines[2]!, lines[3]!])).toMatchObject({ ok: false, brokenAt: 1, code: 'revision_gap' });
    const stripped = lines.map((line, n) => (n === 0 ? { ...line, metadata: { occurredAt: 'x' } } : line));
    expect(verifyStream(STREAM, stripped)).toMatchObject({ ok: false, brokenAt: 0, code: 'missing_hash' });
  });

  it('refuses an export that is not one', () => {
    expect(parseExport('')).toEqual({ ok: false, line: 0, problem: 'empty' });
    expect(parseExport(`${ndjson(exported(1))}<html>\n`)).toEqual({ ok: false, line: 2, problem: 'not_an_event' });
  });
});
