import type { ArticleEvent } from '../../articles/model/events.js';
import { fold } from '../../articles/model/evolve.js';
import {
  articleChangesRequested,
  articleCorrected,
  articleDrafted,
  articlePublished,
  articleRevised,
  articleScheduled,
  articleSubmitted,
  articleUnpublished,
  articleUnscheduled,
  articleVerified,
  historyIn,
  minute,
  relatedLinked,
  relatedUnlinked,
  updateHistoryIn,
} from '../../articles/model/testing/article-events.js';
import {
  editor,
  relatedArticleId,
  sampleArticleContent,
  sampleArticleId,
  sampleRevisedContent,
  sampleSlug,
  secondEditor,
  writer,
} from '../../articles/model/testing/sample-article.js';
import { decodeCursor } from './cursor.js';
import {
  type MappedPublicEvent,
  linkedArticleIds,
  publicEventIdFor,
  type RelatedTargets,
  type SourceEvent,
  toPublicEvent,
} from './to-public-event.js';

const NO_TARGETS: RelatedTargets = new Map();

/** Maps the last event of a history, with the article folded from the ones before it. */
function mapLast(history: readonly ArticleEvent[], targets: RelatedTargets = NO_TARGETS): MappedPublicEvent | null {
  const before = fold(history.slice(0, -1));
  return toPublicEvent(sourceOf(history), before, targets);
}

function sourceOf(history: readonly ArticleEvent[]): SourceEvent {
  const revision = BigInt(history.length - 1);
  return {
    id: `00000000-0000-4000-8000-${String(history.length).padStart(12, '0')}`,
    articleId: sampleArticleId,
    revision,
    position: { commit: 1_000n + revision, prepare: 1_000n + revision },
    event: history.at(-1)!,
  };
}

const INTERNAL_ONLY = [
  'contentHash',
  'verifiedRevision',
  articleChangesRequested().data.notes,
  'Dicek ulang ke narasumber',
  articleUnpublished().data.reason,
];

function expectNothingInternal(mapped: MappedPublicEvent | null): void {
  const json = JSON.stringify(mapped?.event ?? null);
  for (const secret of INTERNAL_ONLY) expect(json).not.toContain(secret);
}

describe('public events: the mapping from internal events', () => {
  test.each<[string, ArticleEvent[]]>([
    ['a draft', [articleDrafted()]],
    ['a revision', [articleDrafted(), articleRevised()]],
    ['a submission', historyIn('in_review')],
    ['changes requested', [...historyIn('in_review'), articleChangesRequested()]],
    ['a verification', historyIn('verified')],
    ['a schedule', historyIn('scheduled')],
    ['an unschedule', [...historyIn('scheduled'), articleUnscheduled()]],
    ['a revision of a live article', updateHistoryIn('draft')],
    ['a verification of a live article', updateHistoryIn('verified')],
    ['a link while never published', [...historyIn('verified'), relatedLinked()]],
    ['a link while taken down', [...historyIn('unpublished'), relatedLinked()]],
    ['an unlink while not live', [...historyIn('verified'), relatedLinked(), relatedUnlinked()]],
  ])('%s is not public', (_name, history) => {
    expect(mapLast(history)).toBeNull();
  });

  test('a first publication carries the whole live article and where it came from', () => {
    const history = [
      ...historyIn('verified'),
      relatedLinked({ afterBlock: 1 }),
      articlePublished({ related: [{ relatedArticleId, afterBlock: 1 }] }),
    ];
    const targets = new Map([[relatedArticleId, { slug: 'banjir-rendam-pondok-aren', headline: 'Banjir Rendam Pondok Aren' }]]);
    const mapped = mapLast(history, targets)!;

    expect(mapped.event).toEqual({
      id: publicEventIdFor(sourceOf(history).id),
      type: 'article.published',
      version: 1,
      occurredAt: minute(40),
      articleId: sampleArticleId,
      slug: sampleSlug,
      revision: 4,
      position: { commit: '1004', prepare: '1004' },
      cursor: expect.any(String),
      data: {
        republished: false,
        scheduled: false,
        article: {
          id: sampleArticleId,
          slug: sampleSlug,
          language: 'id',
          headline: sampleArticleContent.headline,
          dek: sampleArticleContent.dek,
          dateline: sampleArticleContent.dateline,
          body: sampleArticleContent.body.map((block) => (block.type === 'quote' ? { ...block, role: block.role ?? null } : block)),
          sources: sampleArticleContent.sources.map((source) => ({ name: source.name, url: source.url ?? null })),
          topics: sampleArticleContent.topics,
          author: { id: writer.id, name: writer.displayName },
          editor: { id: editor.id, name: editor.displayName },
          firstPublishedAt: minute(40),
          publishedAt: minute(40),
          corrections: [],
          related: [
            { articleId: relatedArticleId, afterBlock: 1, slug: 'banjir-rendam-pondok-aren', headline: 'Banjir Rendam Pondok Aren' },
          ],
        },
      },
    });
    expect(decodeCursor(mapped.event.cursor)).toEqual({ commit: 1004n, prepare: 1004n });
    expect(mapped.topics).toEqual(sampleArticleContent.topics);
    expect(linkedArticleIds(sourceOf(history), fold(history.slice(0, -1)))).toEqual([relatedArticleId]);
    expectNothingInternal(mapped);
  });

  test('the public id is stable for a source event and differs between source events', () => {
    const history = historyIn('published');
    expect(mapLast(history)!.event.id).toBe(mapLast(history)!.event.id);
    expect(publicEventIdFor('a')).not.toBe(publicEventIdFor('b'));
  });

  test('a related target that was not live is sent without headline and slug', () => {
    const history = [...historyIn('verified'), articlePublished({ related: [{ relatedArticleId }] })];
    const event = mapLast(history)!.event;
    expect(event.type === 'article.published' && event.data.article.related).toEqual([
      { articleId: relatedArticleId, afterBlock: null, slug: null, headline: null },
    ]);
  });

  test('a republication after unpublishing is a publication, marked as such', () => {
    const history = [
      ...historyIn('unpublished'),
      articleSubmitted({ at: minute(60) }),
      articleVerified({ revision: 5, at: minute(61) }),
      articlePublished({ kind: 'republish', at: minute(62), firstPublishedAt: minute(40) }),
    ];
    const event = mapLast(history)!.event;
    expect(event).toMatchObject({
      type: 'article.published',
      data: { republished: true, article: { firstPublishedAt: minute(40), publishedAt: minute(62) } },
    });
  });

  test('an update carries the new live copy, never the working copy that follows it', () => {
    const history = [
      ...updateHistoryIn('verified'),
      articlePublished({
        kind: 'update',
        content: sampleRevisedContent,
        at: minute(49),
        firstPublishedAt: minute(40),
        editorId: secondEditor.id,
        editorName: secondEditor.displayName,
      }),
    ];
    const mapped = mapLast(history)!;
    expect(mapped.event).toMatchObject({
      type: 'article.updated',
      revision: 7,
      data: {
        scheduled: false,
        article: {
          headline: sampleRevisedContent.headline,
          editor: { id: secondEditor.id, name: secondEditor.displayName },
          publishedAt: minute(49),
          firstPublishedAt: minute(40),
        },
      },
    });
    expectNothingInternal(mapped);
  });

  test('a correction carries its note and every earlier one', () => {
    const first = articleCorrected({ note: 'Koreksi pertama.', at: minute(70) });
    const history = [
      ...historyIn('published'),
      articleRevised({ at: minute(60) }),
      articleSubmitted({ at: minute(61) }),
      articleVerified({ revision: 6, at: minute(62) }),
      first,
      articleCorrected({ note: 'Koreksi kedua.', at: minute(90), content: sampleRevisedContent }),
    ];
    const event = mapLast(history)!.event;
    expect(event).toMatchObject({
      type: 'article.corrected',
      data: {
        correction: { note: 'Koreksi kedua.', correctedAt: minute(90) },
        article: {
          headline: sampleRevisedContent.headline,
          corrections: [
            { note: 'Koreksi pertama.', correctedAt: minute(70) },
            { note: 'Koreksi kedua.', correctedAt: minute(90) },
          ],
        },
      },
    });
  });

  test('a withdrawal carries the public notice and not the internal reason', () => {
    const mapped = mapLast(historyIn('unpublished'))!;
    expect(mapped.event).toMatchObject({
      type: 'article.unpublished',
      slug: sampleSlug,
      data: { mode: 'withdraw', notice: articleUnpublished().data.notice },
    });
    expect(mapped.topics).toEqual(sampleArticleContent.topics);
    expectNothingInternal(mapped);
  });

  test('a takedown carries no content at all', () => {
    const mapped = mapLast([...historyIn('published'), articleUnpublished({ mode: 'takedown', notice: undefined })])!;
    expect(mapped.event.type).toBe('article.unpublished');
    expect(mapped.event.data).toEqual({ mode: 'takedown' });
    expect(JSON.stringify(mapped.event)).not.toContain(sampleArticleContent.headline);
  });

  test('a link while live re-sends the live article with the new links, not the working copy', () => {
    const history = [...updateHistoryIn('draft'), relatedLinked({ afterBlock: 2, at: minute(46) })];
    const targets = new Map([[relatedArticleId, { slug: 'target', headline: 'Target' }]]);
    const mapped = mapLast(history, targets)!;
    expect(mapped.event).toMatchObject({
      type: 'article.related-changed',
      occurredAt: minute(46),
      slug: sampleSlug,
      data: {
        change: { action: 'linked', articleId: relatedArticleId },
        article: {
          headline: sampleArticleContent.headline,
          publishedAt: minute(40),
          related: [{ articleId: relatedArticleId, afterBlock: 2, slug: 'target', headline: 'Target' }],
        },
      },
    });
    expect(JSON.stringify(mapped.event)).not.toContain(sampleRevisedContent.headline);
  });

  test('an unlink while live re-sends the article without the link', () => {
    const history = [...historyIn('published'), relatedLinked({ at: minute(41) }), relatedUnlinked({ at: minute(42) })];
    expect(mapLast(history)!.event).toMatchObject({
      type: 'article.related-changed',
      data: { change: { action: 'unlinked', articleId: relatedArticleId }, article: { related: [] } },
    });
  });

  test('topics to route on include the ones the article had before, so it can leave a topic', () => {
    const moved = { ...sampleRevisedContent, topics: ['Olahraga'] };
    const history = [...updateHistoryIn('verified'), articlePublished({ kind: 'update', content: moved, at: minute(49) })];
    expect(mapLast(history)!.topics).toEqual(['Olahraga', ...sampleArticleContent.topics]);
  });

  test('a whole story with notes, reviews and revisions leaks nothing internal', () => {
    const story: ArticleEvent[] = [
      ...historyIn('in_review'),
      articleChangesRequested(),
      articleRevised({ at: minute(16) }),
      articleSubmitted({ at: minute(17) }),
      articleVerified({ revision: 4, notes: 'Dicek ulang ke narasumber', at: minute(20) }),
      articleScheduled({ verifiedRevision: 4 }),
      articlePublished({ scheduled: true, content: sampleRevisedContent }),
      relatedLinked({ at: minute(41) }),
      articleUnpublished({ at: minute(50) }),
    ];
    const mapped = story.map((_, index) => mapLast(story.slice(0, index + 1)));
    expect(mapped.map((m) => m?.event.type ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'article.published',
      'article.related-changed',
      'article.unpublished',
    ]);
    for (const m of mapped) expectNothingInternal(m);
  });
});
