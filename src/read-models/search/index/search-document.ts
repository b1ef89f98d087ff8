import type { ArticleContent } from '../../../articles/model/content.js';
import type { ArticleStatus } from '../../../articles/model/state.js';

export type Copy = 'working' | 'live';

/** The staff's copy: every article has one, in whatever state the workflow has it. */
export interface WorkingCopyDocument {
  readonly copy: 'working';
  readonly articleId: string;
  readonly content: ArticleContent;
  readonly status: ArticleStatus;
  readonly authorId: string;
  readonly authorName: string;
  /** Who the desk assigned the article to; null while nobody is (or before assignments exist). */
  readonly assigneeId: string | null;
  readonly createdAt: string;
  /** When the working copy last changed; results sort and date ranges filter on it. */
  readonly updatedAt: string;
}

/** The public copy: exists only while the article is live (remove it on unpublish or takedown). */
export interface LiveCopyDocument {
  readonly copy: 'live';
  readonly articleId: string;
  readonly content: ArticleContent;
  readonly slug: string;
  readonly authorId: string;
  readonly authorName: string;
  /** When the article first went live; results sort and date ranges filter on it. */
  readonly firstPublishedAt: string;
  /** When this live copy went up (an update or a correction). */
  readonly publishedAt: string;
}

export type SearchDocument = WorkingCopyDocument | LiveCopyDocument;

/** The instant a document sorts by and date ranges select on. */
export function sortDateOf(document: SearchDocument): string {
  return document.copy === 'working' ? document.updatedAt : document.firstPublishedAt;
}
