/**
 * The public integration contract: what publishing services receive from the feed, the
 * server-sent event stream and webhooks. It is deliberately separate from the internal article
 * events (src/articles/model/events.ts): those may change with the workflow, this changes only
 * by adding optional fields within a version. A breaking change gets a new `version` (and the
 * old one keeps being served until integrators have moved). docs/integrators.md documents it.
 *
 * Nothing here may carry working copies, reviews, verification notes, editors' notes or the
 * internal reason for an unpublication: only what a reader of the live site could see.
 */

export const PUBLIC_CONTRACT_VERSION = 1;

export const PUBLIC_EVENT_TYPES = [
  'article.published',
  'article.updated',
  'article.corrected',
  'article.unpublished',
  'article.related-changed',
] as const;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

export function isPublicEventType(value: string): value is PublicEventType {
  return (PUBLIC_EVENT_TYPES as readonly string[]).includes(value);
}

export type PublicBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'quote'; readonly text: string; readonly attribution: string; readonly role: string | null };

export interface PublicSource {
  readonly name: string;
  readonly url: string | null;
}

export interface PublicPerson {
  readonly id: string;
  readonly name: string;
}

export interface PublicCorrection {
  readonly note: string;
  readonly correctedAt: string;
}

/**
 * A "Baca Juga" link. `slug` and `headline` are the target's live ones as of the position of
 * the event that carries the link, or null when the target was not live then (do not render
 * it; the target's own events say when that changes).
 */
export interface PublicRelatedLink {
  readonly articleId: string;
  /** Show after this 0-based body block; null: after the body. */
  readonly afterBlock: number | null;
  readonly slug: string | null;
  readonly headline: string | null;
}

/** Everything needed to render the article page, with no call back to Redaksi. */
export interface PublicArticle {
  readonly id: string;
  readonly slug: string;
  readonly language: string;
  readonly headline: string;
  readonly dek: string;
  readonly dateline: string;
  readonly body: readonly PublicBlock[];
  readonly sources: readonly PublicSource[];
  readonly topics: readonly string[];
  readonly author: PublicPerson;
  /** The editor credited on the page. */
  readonly editor: PublicPerson;
  readonly firstPublishedAt: string;
  /** When this live copy went up (first publication, update or correction). */
  readonly publishedAt: string;
  /** Every public correction note, oldest first. */
  readonly corrections: readonly PublicCorrection[];
  readonly related: readonly PublicRelatedLink[];
}

/** Where in the log an event came from; decimal strings, since positions exceed 2^53. */
export interface PublicPosition {
  readonly commit: string;
  readonly prepare: string;
}

interface Envelope<Type extends PublicEventType, Data> {
  /** Stable across re-deliveries and replays (derived from the source event): deduplicate on it. */
  readonly id: string;
  readonly type: Type;
  readonly version: typeof PUBLIC_CONTRACT_VERSION;
  /** When the newsroom made the change. */
  readonly occurredAt: string;
  readonly articleId: string;
  readonly slug: string;
  /** The article stream's revision; grows with every change, so it orders one article's events. */
  readonly revision: number;
  readonly position: PublicPosition;
  /** Opaque; continue after this event with `GET /v1/feed?after=` or `Last-Event-ID`. */
  readonly cursor: string;
  readonly data: Data;
}

export type ArticlePublishedV1 = Envelope<
  'article.published',
  { readonly article: PublicArticle; readonly republished: boolean; readonly scheduled: boolean }
>;
export type ArticleUpdatedV1 = Envelope<'article.updated', { readonly article: PublicArticle; readonly scheduled: boolean }>;
export type ArticleCorrectedV1 = Envelope<'article.corrected', { readonly article: PublicArticle; readonly correction: PublicCorrection }>;
/** withdraw: show the notice at the slug instead of the article; takedown: the page is gone. */
export type ArticleUnpublishedV1 = Envelope<
  'article.unpublished',
  { readonly mode: 'withdraw'; readonly notice: string } | { readonly mode: 'takedown' }
>;
export type ArticleRelatedChangedV1 = Envelope<
  'article.related-changed',
  {
    readonly article: PublicArticle;
    readonly change: { readonly action: 'linked' | 'unlinked'; readonly articleId: string };
  }
>;

export type PublicEvent = ArticlePublishedV1 | ArticleUpdatedV1 | ArticleCorrectedV1 | ArticleUnpublishedV1 | ArticleRelatedChangedV1;
