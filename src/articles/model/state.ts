import type { ArticleContent } from './content.js';
import type { RelatedLink, UnpublishMode, VerificationChecklist } from './events.js';

/**
 * Where the working copy stands. `published` means the working copy is what is live; an article
 * being updated after publication is `draft` (or further) with a non-null `live`.
 */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'verified', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export interface LiveCopy {
  readonly slug: string;
  readonly content: ArticleContent;
  readonly contentHash: string;
  /** When this live copy went up (first publication, update or correction). */
  readonly publishedAt: string;
  readonly firstPublishedAt: string;
  readonly editorId: string;
  readonly editorName: string;
}

/** Valid only while the working copy still has this hash and has not been revised since `revision`. */
export interface Verification {
  readonly contentHash: string;
  readonly revision: number;
  readonly verifiedBy: string;
  readonly verifiedByName: string;
  readonly at: string;
  readonly checklist: VerificationChecklist;
  readonly notes?: string;
}

export interface Schedule {
  readonly publishAt: string;
  /** Credited as the editor when the scheduler publishes. */
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export interface EditorNote {
  readonly notes: string;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export interface Correction {
  readonly note: string;
  readonly at: string;
  readonly editorId: string;
  readonly editorName: string;
}

export interface UnpublishedRecord {
  readonly mode: UnpublishMode;
  readonly reason: string;
  readonly notice?: string;
  readonly by: string;
  readonly at: string;
}

/** The article folded from its stream. Plain JSON: the API returns it as it is. */
export interface ArticleState {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly status: ArticleStatus;
  /** Stream revision of the last event applied (events − 1); the ETag. */
  readonly revision: number;
  readonly content: ArticleContent;
  readonly contentHash: string;
  /** Stream revision at which the working copy last changed. */
  readonly contentRevision: number;
  readonly live: LiveCopy | null;
  /** Fixed at first publication and kept for ever, through unpublish and republish. */
  readonly slug: string | null;
  readonly firstPublishedAt: string | null;
  /** Verification of the working copy; null once it is revised, sent back or unpublished. */
  readonly verification: Verification | null;
  readonly schedule: Schedule | null;
  readonly related: readonly RelatedLink[];
  readonly editorNotes: readonly EditorNote[];
  readonly corrections: readonly Correction[];
  /** Set while the article is off the site; cleared when it is republished. */
  readonly unpublished: UnpublishedRecord | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
