import { by, clockAt, minute } from '../../../kernel/testing/story-clock.js';
import { contentHash } from '../content-hash.js';
import type {
  ArticleChangesRequested,
  ArticleCorrected,
  ArticleDrafted,
  ArticleEvent,
  ArticlePublished,
  ArticleRevised,
  ArticleScheduled,
  ArticleSubmitted,
  ArticleUnpublished,
  ArticleUnscheduled,
  ArticleVerified,
  RelatedLinked,
  RelatedUnlinked,
} from '../events.js';
import type { ArticleStatus } from '../state.js';
import {
  editor,
  relatedArticleId,
  sampleArticleContent,
  sampleArticleId,
  sampleRevisedContent,
  sampleSlug,
  writer,
} from './sample-article.js';

/**
 * Event builders for decider specs: sensible defaults from the sample article's story, and any
 * field overridable. The story's clock: minute 0 drafted, 10 submitted, 20 verified, 30
 * scheduled for minute 120, 40 published, 50 unpublished.
 */
export { by, clockAt, minute };

export const sampleHash = contentHash(sampleArticleContent);
export const revisedHash = contentHash(sampleRevisedContent);

export function articleDrafted(data: Partial<ArticleDrafted['data']> = {}): ArticleDrafted {
  const content = data.content ?? sampleArticleContent;
  return {
    type: 'ArticleDrafted',
    data: {
      articleId: sampleArticleId,
      authorId: writer.id,
      authorName: writer.displayName,
      content,
      contentHash: contentHash(content),
      at: minute(0),
      ...data,
    },
  };
}

export function articleRevised(data: Partial<ArticleRevised['data']> = {}): ArticleRevised {
  const content = data.content ?? sampleRevisedContent;
  return {
    type: 'ArticleRevised',
    data: { content, contentHash: contentHash(content), status: 'draft', ...by(writer), at: minute(5), ...data },
  };
}

export function articleSubmitted(data: Partial<ArticleSubmitted['data']> = {}): ArticleSubmitted {
  return { type: 'ArticleSubmitted', data: { contentHash: sampleHash, ...by(writer), at: minute(10), ...data } };
}

export function articleChangesRequested(data: Partial<ArticleChangesRequested['data']> = {}): ArticleChangesRequested {
  return {
    type: 'ArticleChangesRequested',
    data: { notes: 'Tambahkan sumber untuk prakiraan BMKG.', ...by(editor), at: minute(15), ...data },
  };
}

export function articleVerified(data: Partial<ArticleVerified['data']> = {}): ArticleVerified {
  return {
    type: 'ArticleVerified',
    data: {
      contentHash: sampleHash,
      revision: 1,
      checklist: { sourcesChecked: true, quotesAttributed: true },
      verifiedBy: editor.id,
      verifiedByName: editor.displayName,
      at: minute(20),
      ...data,
    },
  };
}

export function articleScheduled(data: Partial<ArticleScheduled['data']> = {}): ArticleScheduled {
  return {
    type: 'ArticleScheduled',
    data: { publishAt: minute(120), contentHash: sampleHash, verifiedRevision: 1, ...by(editor), at: minute(30), ...data },
  };
}

export function articleUnscheduled(data: Partial<ArticleUnscheduled['data']> = {}): ArticleUnscheduled {
  return { type: 'ArticleUnscheduled', data: { publishAt: minute(120), ...by(editor), at: minute(35), ...data } };
}

function liveCopyDefaults(at: string) {
  return {
    slug: sampleSlug,
    content: sampleArticleContent,
    contentHash: sampleHash,
    verifiedRevision: 1,
    editorId: editor.id,
    editorName: editor.displayName,
    authorId: writer.id,
    authorName: writer.displayName,
    related: [],
    firstPublishedAt: at,
    at,
  };
}

export function articlePublished(data: Partial<ArticlePublished['data']> = {}): ArticlePublished {
  return {
    type: 'ArticlePublished',
    data: { ...liveCopyDefaults(data.at ?? minute(40)), kind: 'first', scheduled: false, ...data },
  };
}

export function articleCorrected(data: Partial<ArticleCorrected['data']> = {}): ArticleCorrected {
  return {
    type: 'ArticleCorrected',
    data: {
      ...liveCopyDefaults(data.at ?? minute(90)),
      firstPublishedAt: minute(40),
      note: 'Koreksi: jumlah pompa yang disiagakan adalah 14 unit, bukan 12 unit.',
      ...data,
    },
  };
}

export function articleUnpublished(data: Partial<ArticleUnpublished['data']> = {}): ArticleUnpublished {
  return {
    type: 'ArticleUnpublished',
    data: {
      slug: sampleSlug,
      mode: 'withdraw',
      reason: 'Narasumber membantah pernyataan yang dikutip.',
      notice: 'Artikel ini ditarik karena kutipan narasumber tidak dapat kami konfirmasi.',
      ...by(editor),
      at: minute(50),
      ...data,
    },
  };
}

export function relatedLinked(data: Partial<RelatedLinked['data']> = {}): RelatedLinked {
  return { type: 'RelatedLinked', data: { relatedArticleId, ...by(editor), at: minute(25), ...data } };
}

export function relatedUnlinked(data: Partial<RelatedUnlinked['data']> = {}): RelatedUnlinked {
  return { type: 'RelatedUnlinked', data: { relatedArticleId, ...by(editor), at: minute(26), ...data } };
}

/** The shortest story that leaves a never-published sample article (or a taken-down one) in `status`. */
export function historyIn(status: ArticleStatus): ArticleEvent[] {
  const verified = [articleDrafted(), articleSubmitted(), articleVerified()];
  switch (status) {
    case 'draft':
      return [articleDrafted()];
    case 'in_review':
      return [articleDrafted(), articleSubmitted()];
    case 'verified':
      return verified;
    case 'scheduled':
      return [...verified, articleScheduled()];
    case 'published':
      return [...verified, articlePublished()];
    case 'unpublished':
      return [...verified, articlePublished(), articleUnpublished()];
  }
}

/**
 * A published sample article whose working copy was then revised by the desk and has moved on
 * to `status` (minutes 45–48), while the first version stays live.
 */
export function updateHistoryIn(status: 'draft' | 'in_review' | 'verified' | 'scheduled'): ArticleEvent[] {
  const steps: ArticleEvent[] = [
    ...historyIn('published'),
    articleRevised({ ...by(editor), at: minute(45) }),
    articleSubmitted({ contentHash: revisedHash, ...by(editor), at: minute(46) }),
    articleVerified({ contentHash: revisedHash, revision: 5, at: minute(47) }),
    articleScheduled({ contentHash: revisedHash, verifiedRevision: 5, publishAt: minute(600), at: minute(48) }),
  ];
  const length = { draft: 5, in_review: 6, verified: 7, scheduled: 8 }[status];
  return steps.slice(0, length);
}
