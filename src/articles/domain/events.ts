import type { ArticleContent } from './content.js';

/**
 * Downstream readers (projections, feeds, webhooks) see only events, so each event carries
 * what a reader needs without replaying the stream: names next to ids, the content that went
 * live, the slug. Times are ISO 8601 strings; `at` is when the command was decided.
 */
type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };

export interface RelatedLink {
  readonly relatedArticleId: string;
  /** 0-based index into the working body; absent: after the body. */
  readonly afterBlock?: number;
}

export interface VerificationChecklist {
  readonly sourcesChecked: boolean;
  readonly quotesAttributed: boolean;
}

export type PublicationKind = 'first' | 'update' | 'republish';
export type UnpublishMode = 'withdraw' | 'takedown';

interface Stamp {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export type ArticleDrafted = Event<
  'ArticleDrafted',
  {
    readonly articleId: string;
    readonly authorId: string;
    readonly authorName: string;
    readonly content: ArticleContent;
    readonly contentHash: string;
    readonly at: string;
  }
>;

export type ArticleRevised = Event<
  'ArticleRevised',
  Stamp & {
    readonly content: ArticleContent;
    readonly contentHash: string;
    /** Where the working copy stands after the revision: an edit during review stays in review. */
    readonly status: 'draft' | 'in_review';
  }
>;

export type ArticleSubmitted = Event<'ArticleSubmitted', Stamp & { readonly contentHash: string }>;

export type ArticleChangesRequested = Event<'ArticleChangesRequested', Stamp & { readonly notes: string }>;

export type ArticleVerified = Event<
  'ArticleVerified',
  {
    readonly contentHash: string;
    /** Stream revision of the working copy that was verified (the last event before this one). */
    readonly revision: number;
    readonly checklist: VerificationChecklist;
    readonly notes?: string;
    readonly verifiedBy: string;
    readonly verifiedByName: string;
    readonly at: string;
  }
>;

export type ArticleScheduled = Event<
  'ArticleScheduled',
  Stamp & { readonly publishAt: string; readonly contentHash: string; readonly verifiedRevision: number }
>;

export type ArticleUnscheduled = Event<'ArticleUnscheduled', Stamp & { readonly publishAt: string }>;

/** The live copy as readers must show it; `content` is the whole live copy, not a diff. */
interface LiveCopyData {
  readonly slug: string;
  readonly content: ArticleContent;
  readonly contentHash: string;
  readonly verifiedRevision: number;
  /** The editor credited on the page: who published, or who scheduled a scheduled publication. */
  readonly editorId: string;
  readonly editorName: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly related: readonly RelatedLink[];
  readonly firstPublishedAt: string;
  readonly at: string;
}

export type ArticlePublished = Event<'ArticlePublished', LiveCopyData & { readonly kind: PublicationKind; readonly scheduled: boolean }>;

export type ArticleCorrected = Event<'ArticleCorrected', LiveCopyData & { readonly note: string }>;

export type ArticleUnpublished = Event<
  'ArticleUnpublished',
  Stamp & {
    /** The URL that stops showing the article (withdraw: shows the notice instead). */
    readonly slug: string;
    readonly mode: UnpublishMode;
    readonly reason: string;
    readonly notice?: string;
  }
>;

export type RelatedLinked = Event<'RelatedLinked', Stamp & RelatedLink>;
export type RelatedUnlinked = Event<'RelatedUnlinked', Stamp & { readonly relatedArticleId: string }>;

export type ArticleEvent =
  | ArticleDrafted
  | ArticleRevised
  | ArticleSubmitted
  | ArticleChangesRequested
  | ArticleVerified
  | ArticleScheduled
  | ArticleUnscheduled
  | ArticlePublished
  | ArticleCorrected
  | ArticleUnpublished
  | RelatedLinked
  | RelatedUnlinked;

export type ArticleEventType = ArticleEvent['type'];

/** Written into every event's metadata; bump a type's version when its data shape changes. */
export const EVENT_SCHEMA_VERSION: Readonly<Record<ArticleEventType, number>> = {
  ArticleDrafted: 1,
  ArticleRevised: 1,
  ArticleSubmitted: 1,
  ArticleChangesRequested: 1,
  ArticleVerified: 1,
  ArticleScheduled: 1,
  ArticleUnscheduled: 1,
  ArticlePublished: 1,
  ArticleCorrected: 1,
  ArticleUnpublished: 1,
  RelatedLinked: 1,
  RelatedUnlinked: 1,
};

export const ARTICLE_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSION) as readonly ArticleEventType[];

export function isArticleEventType(type: string): type is ArticleEventType {
  return Object.hasOwn(EVENT_SCHEMA_VERSION, type);
}
