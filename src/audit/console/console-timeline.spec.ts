import { sampleArticleContent, sampleRevisedContent } from '../../articles/model/testing/sample-article.js';
import type { Denial, ExportLine, HistoryEntry } from './browser/api/wire.js';
import { sentenceInIndonesian } from './browser/timeline/event-words-id.js';
import { timelineRows } from './browser/timeline/timeline-model.js';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 20, 1, minute)).toISOString();

function entry(revision: number, type: string, summary: string): HistoryEntry {
  return {
    revision,
    position: String(revision + 1),
    eventId: `e-${revision}`,
    type,
    occurredAt: at(revision * 10),
    recordedAt: at(revision * 10),
    actor: { id: 'writer-dimas', displayName: 'Dimas Prasetyo', roles: ['writer'] },
    correlationId: `c-${revision}`,
    causationId: null,
    commandId: null,
    commandType: null,
    summary,
    hash: `h${revision}`,
    previousHash: null,
  };
}

const line = (revision: number, type: string, data: unknown): ExportLine => ({
  streamId: 'article-a',
  revision,
  position: String(revision + 1),
  eventId: `e-${revision}`,
  type,
  recordedAt: at(revision * 10),
  data,
  metadata: {},
});

const denial = (minute: number): Denial => ({
  revision: 0,
  at: at(minute),
  actor: { id: 'writer-sari', displayName: 'Sari Wulandari', roles: ['writer'] },
  commandType: 'ReviseArticle',
  streamId: 'article-a',
  articleId: 'a',
  code: 'not_owner',
  reason: 'Writers may only change their own articles',
  commandId: 'x',
  correlationId: null,
});

const history = [
  entry(0, 'ArticleDrafted', 'Dimas Prasetyo drafted “…”'),
  entry(1, 'ArticleRevised', 'Dimas Prasetyo revised the headline, body and sources'),
  entry(2, 'ArticleSubmitted', 'Dimas Prasetyo submitted the working copy for review'),
];
const lines = [
  line(0, 'ArticleDrafted', { authorName: 'Dimas Prasetyo', content: sampleArticleContent }),
  line(1, 'ArticleRevised', { byName: 'Dimas Prasetyo', content: sampleRevisedContent, status: 'draft' }),
  line(2, 'ArticleSubmitted', { byName: 'Dimas Prasetyo' }),
];

describe('the console’s timeline', () => {
  it('places denials where they happened, and words each event in Indonesian from its data', () => {
    const rows = timelineRows({ history, lines, denials: [denial(15), denial(1)], formatTime: (iso) => iso });
    expect(rows.map((row) => (row.kind === 'event' ? row.revision : `denied ${row.at.slice(14, 16)}`))).toEqual([
      0,
      'denied 01',
      1,
      'denied 15',
      2,
    ]);
    const [drafted, , revised] = rows;
    expect(drafted?.kind === 'event' && drafted.summary.id).toBe(`Dimas Prasetyo menulis draf “${sampleArticleContent.headline}”`);
    expect(revised?.kind === 'event' && revised.summary).toEqual({
      en: 'Dimas Prasetyo revised the headline, body and sources',
      id: 'Dimas Prasetyo merevisi judul, isi, dan sumber',
    });
  });

  it('shows the worse of the two chain checks for each event', () => {
    const rows = timelineRows({
      history,
      browserChain: ['verified', 'verified', 'verified'],
      serverChain: { ok: false, events: 3, brokenAt: 1, code: 'hash_mismatch', reason: 'altered' },
      denials: [],
      formatTime: (iso) => iso,
    });
    expect(rows.map((row) => row.kind === 'event' && row.chain)).toEqual(['verified', 'broken', 'after_break']);
    const unchecked = timelineRows({ history, denials: [], formatTime: (iso) => iso });
    expect(unchecked.map((row) => row.kind === 'event' && [row.chain, row.summary.id])).toEqual([
      ['unchecked', history[0]!.summary],
      ['unchecked', history[1]!.summary],
      ['unchecked', history[2]!.summary],
    ]);
  });

  it('has words for the rest of the workflow, and none for an event it does not know', () => {
    const when = (iso: string) => `[${iso}]`;
    expect(
      sentenceInIndonesian(
        'ArticleVerified',
        {
          verifiedByName: 'Ayu Lestari',
          revision: 4,
          checklist: { sourcesChecked: true, quotesAttributed: true },
          notes: 'Dicek ulang ke BPBD.',
        },
        'x',
        undefined,
        when,
      ),
    ).toBe('Ayu Lestari memverifikasi revisi 4 (sumber diperiksa, kutipan diatribusikan): “Dicek ulang ke BPBD.”');
    expect(
      sentenceInIndonesian(
        'ArticlePublished',
        { kind: 'first', scheduled: true, slug: 'banjir', verifiedRevision: 5, editorName: 'Ayu Lestari' },
        'Penjadwal',
        undefined,
        when,
      ),
    ).toBe('Penjadwal menerbitkan /banjir dari revisi 5 sesuai jadwal (dijadwalkan oleh Ayu Lestari)');
    expect(
      sentenceInIndonesian('ArticleScheduled', { byName: 'Ayu Lestari', verifiedRevision: 5, publishAt: 'T' }, 'x', undefined, when),
    ).toBe('Ayu Lestari menjadwalkan revisi 5 tayang pada [T]');
    expect(
      sentenceInIndonesian(
        'ArticleUnpublished',
        { byName: 'Ayu Lestari', slug: 'banjir', mode: 'takedown', reason: 'Perintah pengadilan' },
        'x',
        undefined,
        when,
      ),
    ).toBe('Ayu Lestari menurunkan /banjir (alasan: Perintah pengadilan)');
    expect(
      sentenceInIndonesian('RelatedLinked', { byName: 'Ayu Lestari', relatedArticleId: 'r', afterBlock: 0 }, 'x', undefined, when),
    ).toBe('Ayu Lestari menautkan artikel terkait r setelah blok 1');
    expect(sentenceInIndonesian('ArticleEmbargoed', {}, 'x', undefined, when)).toBeUndefined();
  });
});
