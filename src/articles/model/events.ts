import { type Decoded, StreamDecoder } from '../../kernel/event-decoder.js';
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

/**
 * The one decoder of `article-<id>` streams. The version of each type is written into every
 * event's metadata; when a type's data changes shape, bump its version here and add the upcast
 * that reads the old shape (the log is never rewritten).
 */
export const ARTICLE_EVENTS = new StreamDecoder<'article', ArticleEvent>('article', {
  ArticleDrafted: { version: 1 },
  ArticleRevised: { version: 1 },
  ArticleSubmitted: { version: 1 },
  ArticleChangesRequested: { version: 1 },
  ArticleVerified: { version: 1 },
  ArticleScheduled: { version: 1 },
  ArticleUnscheduled: { version: 1 },
  ArticlePublished: { version: 1 },
  ArticleCorrected: { version: 1 },
  ArticleUnpublished: { version: 1 },
  RelatedLinked: { version: 1 },
  RelatedUnlinked: { version: 1 },
});

/** An article event with the article it belongs to and its revision there. */
export type ArticleFact<Event extends ArticleEvent = ArticleEvent> = Decoded<'article', Event>;
