import { contentHash } from './content-hash.js';
import type { ArticleContent } from './content.js';
import type { ArticleEvent } from './events.js';
import { evolve, fold } from './evolve.js';
import type { ArticleState } from './state.js';
import {
  articleChangesRequested,
  articleCorrected,
  articleDrafted,
  articlePublished,
  articleRevised,
  articleScheduled,
  articleSubmitted,
  articleUnpublished,
  articleVerified,
  by,
  minute,
  relatedLinked,
  revisedHash,
  sampleHash,
} from './testing/article-events.js';
import {
  editor,
  relatedArticleId,
  sampleArticleContent,
  sampleArticleId,
  sampleRevisedContent,
  sampleSlug,
  secondEditor,
  writer,
} from './testing/sample-article.js';

const correctedContent: ArticleContent = {
  ...sampleRevisedContent,
  dek: 'Warga di bantaran Kali Angke dan Kali Pesanggrahan diminta waspada hingga akhir Februari.',
};
const correctedHash = contentHash(correctedContent);
const note = 'Koreksi: pompa tambahan berasal dari Pemprov Banten, bukan BNPB.';
const bySecondEditor = { verifiedBy: secondEditor.id, verifiedByName: secondEditor.displayName };

/** Draft, sent back, revised, verified, linked, published on schedule, then corrected. */
const lifecycle: ArticleEvent[] = [
  articleDrafted(), // 0
  articleSubmitted(), // 1
  articleChangesRequested({ notes: 'Tambahkan jumlah pompa terbaru.' }), // 2
  articleRevised({ at: minute(16) }), // 3
  articleSubmitted({ contentHash: revisedHash, at: minute(17) }), // 4
  articleVerified({ contentHash: revisedHash, revision: 4, ...bySecondEditor }), // 5
  relatedLinked({ afterBlock: 3 }), // 6
  articleScheduled({ contentHash: revisedHash, verifiedRevision: 4, publishAt: minute(120) }), // 7
  articlePublished({
    content: sampleRevisedContent,
    contentHash: revisedHash,
    verifiedRevision: 4,
    related: [{ relatedArticleId, afterBlock: 3 }],
    scheduled: true,
    at: minute(120),
  }), // 8
  articleRevised({ content: correctedContent, ...by(editor), at: minute(130) }), // 9
  articleSubmitted({ contentHash: correctedHash, ...by(editor), at: minute(131) }), // 10
  articleVerified({ contentHash: correctedHash, revision: 10, ...bySecondEditor, at: minute(132) }), // 11
  articleCorrected({
    content: correctedContent,
    contentHash: correctedHash,
    verifiedRevision: 10,
    related: [{ relatedArticleId, afterBlock: 3 }],
    firstPublishedAt: minute(120),
    note,
    at: minute(133),
  }), // 12
];

describe('fold', () => {
  it('rebuilds the whole article from a full lifecycle', () => {
    const expected: ArticleState = {
      id: sampleArticleId,
      authorId: writer.id,
      authorName: writer.displayName,
      status: 'published',
      revision: 12,
      content: correctedContent,
      contentHash: correctedHash,
      contentRevision: 9,
      live: {
        slug: sampleSlug,
        content: correctedContent,
        contentHash: correctedHash,
        publishedAt: minute(133),
        firstPublishedAt: minute(120),
        editorId: editor.id,
        editorName: editor.displayName,
      },
      slug: sampleSlug,
      firstPublishedAt: minute(120),
      verification: {
        contentHash: correctedHash,
        revision: 10,
        verifiedBy: secondEditor.id,
        verifiedByName: secondEditor.displayName,
        at: minute(132),
        checklist: { sourcesChecked: true, quotesAttributed: true },
      },
      schedule: null,
      related: [{ relatedArticleId, afterBlock: 3 }],
      editorNotes: [{ notes: 'Tambahkan jumlah pompa terbaru.', by: editor.id, byName: editor.displayName, at: minute(15) }],
      corrections: [{ note, at: minute(133), editorId: editor.id, editorName: editor.displayName }],
      unpublished: null,
      createdAt: minute(0),
      updatedAt: minute(133),
    };
    const state = fold(lifecycle);
    expect(state).toStrictEqual(expected);
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(expected);
  });

  it('keeps the slug and the first publication date through unpublish and republish', () => {
    const unpublished = fold([...lifecycle, articleUnpublished({ at: minute(140) })]);
    expect(unpublished).toMatchObject({
      status: 'unpublished',
      revision: 13,
      live: null,
      slug: sampleSlug,
      verification: null,
      unpublished: { mode: 'withdraw', by: editor.id, at: minute(140) },
    });
    const republished = fold([articlePublished({ kind: 'republish', firstPublishedAt: minute(120), at: minute(150) })], unpublished);
    expect(republished).toMatchObject({
      status: 'published',
      revision: 14,
      slug: sampleSlug,
      unpublished: null,
      live: { publishedAt: minute(150), firstPublishedAt: minute(120) },
    });
  });

  it('counts revisions from 0 and records when the working copy last changed', () => {
    const states = lifecycle.map((_, n) => fold(lifecycle.slice(0, n + 1)));
    expect(states.map((state) => state?.revision)).toEqual(lifecycle.map((_, n) => n));
    expect(states.map((state) => state?.contentRevision)).toEqual([0, 0, 0, 3, 3, 3, 3, 3, 3, 9, 9, 9, 9]);
    expect(states.map((state) => state?.status)).toEqual([
      'draft',
      'in_review',
      'draft',
      'draft',
      'in_review',
      'verified',
      'verified',
      'scheduled',
      'published',
      'draft',
      'in_review',
      'verified',
      'published',
    ]);
  });

  it('keeps the live copy while the working copy moves on', () => {
    const state = fold(lifecycle.slice(0, 10));
    expect(state).toMatchObject({ status: 'draft', contentHash: correctedHash, verification: null });
    expect(state?.live).toMatchObject({ contentHash: revisedHash, publishedAt: minute(120) });
  });

  it('is null for an empty stream', () => {
    expect(fold([])).toBeNull();
  });
});

describe('evolve', () => {
  it('refuses a stream that does not start with ArticleDrafted', () => {
    expect(() => evolve(null, articleSubmitted())).toThrow('ArticleSubmitted before ArticleDrafted');
  });

  it('refuses a second ArticleDrafted', () => {
    expect(() => fold([articleDrafted(), articleDrafted()])).toThrow(/drafted twice/);
  });

  it('starts a draft from ArticleDrafted', () => {
    expect(evolve(null, articleDrafted())).toMatchObject({
      id: sampleArticleId,
      status: 'draft',
      revision: 0,
      content: sampleArticleContent,
      contentHash: sampleHash,
      live: null,
      slug: null,
      createdAt: minute(0),
    });
  });
});
