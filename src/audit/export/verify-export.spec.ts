import type { EventData, JsonValue } from '../../platform/event-store/event-store.port.js';
import { chainTipAfter, sealEvents } from '../../kernel/hash-chain.js';
import type { ExportLine } from './export-line.js';
import { revisionOfHead, verifyExport } from './verify-export.js';

function exported(streamId: string, count: number): ExportLine[] {
  const proposed: EventData[] = Array.from({ length: count }, (_, n) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'ArticleSubmitted',
    data: { n },
    metadata: { occurredAt: '2025-01-20T01:00:00.000Z' },
  }));
  return sealEvents(streamId, chainTipAfter(undefined), proposed).map((event, n) => ({
    streamId,
    revision: n,
    position: String(n + 1),
    eventId: event.id,
    type: event.type,
    recordedAt: '2025-01-20T01:00:00.000Z',
    data: event.data as JsonValue,
    metadata: event.metadata!,
  }));
}

const ndjson = (lines: readonly unknown[]) => lines.map((line) => `${JSON.stringify(line)}\n`).join('');

describe('verifyExport', () => {
  it('accepts an intact export, several streams in one file included', () => {
    const result = verifyExport(ndjson([...exported('article-a', 3), ...exported('article-b', 2)]));
    expect(result.ok).toBe(true);
    expect(result.streams.map(({ streamId, report }) => [streamId, report.events])).toEqual([
      ['article-a', 3],
      ['article-b', 2],
    ]);
  });

  it('rejects an edited line, a dropped line and a line that is not an event', () => {
    const lines = exported('article-a', 3);
    const edited = [lines[0], { ...lines[1]!, data: { n: 42 } }, lines[2]];
    expect(verifyExport(ndjson(edited)).streams[0]!.report).toMatchObject({ ok: false, brokenAt: 1 });
    expect(verifyExport(ndjson([lines[0], lines[2]])).streams[0]!.report).toMatchObject({ ok: false, brokenAt: 1, code: 'revision_gap' });
    expect(verifyExport(`${ndjson(lines)}{"streamId": 1}\n`)).toMatchObject({ ok: false, problem: 'line 4 is not an exported event' });
    expect(verifyExport('not json\n')).toMatchObject({ ok: false, problem: 'line 1 is not an exported event' });
    expect(verifyExport('')).toMatchObject({ ok: false, problem: 'the export holds no events' });
  });

  it('finds a head recorded earlier in a longer export, and not in an altered one', () => {
    const lines = exported('article-a', 4);
    const earlierHead = (lines[1]!.metadata as { hash: string }).hash;
    const [stream] = verifyExport(ndjson(lines)).streams;
    expect(revisionOfHead(stream!, earlierHead)).toBe(1);
    expect(revisionOfHead(stream!, 'f'.repeat(64))).toBeUndefined();
    const [altered] = verifyExport(ndjson([lines[0], { ...lines[1]!, data: { n: 7 } }, lines[2], lines[3]])).streams;
    expect(revisionOfHead(altered!, earlierHead)).toBeUndefined();
  });
});
