import type { ArticleContent } from '../../../articles/model/content.js';
import type { LiveCopyDocument, WorkingCopyDocument } from '../index/search-document.js';

/** A short article whose parts can be set one by one, for tests that need to know where a word is. */
export function content(parts: Partial<ArticleContent> & { lead?: string; paragraphs?: readonly string[] } = {}): ArticleContent {
  const { lead, paragraphs, ...rest } = parts;
  return {
    headline: 'Rapat warga di balai desa',
    dek: '',
    dateline: 'Bogor',
    language: 'id',
    body: [
      { type: 'paragraph', text: lead ?? 'Warga berkumpul sejak pagi.' },
      ...(paragraphs ?? []).map((text) => ({ type: 'paragraph' as const, text })),
    ],
    sources: [],
    topics: [],
    ...rest,
  };
}

export function working(articleId: string, overrides: Partial<WorkingCopyDocument> = {}): WorkingCopyDocument {
  return {
    copy: 'working',
    articleId,
    content: content(),
    status: 'draft',
    authorId: 'writer-dimas',
    authorName: 'Dimas Prasetyo',
    assigneeId: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    ...overrides,
  };
}

export function live(articleId: string, overrides: Partial<LiveCopyDocument> = {}): LiveCopyDocument {
  return {
    copy: 'live',
    articleId,
    content: content(),
    slug: `artikel-${articleId}`,
    authorId: 'writer-dimas',
    authorName: 'Dimas Prasetyo',
    firstPublishedAt: '2026-03-01T09:00:00.000Z',
    publishedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

/** `minutes` after a fixed instant, as events carry times. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2026, 2, 1, 8, 0, 0) + minutes * 60_000).toISOString();
}
