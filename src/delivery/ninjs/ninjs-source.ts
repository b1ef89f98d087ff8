import type { PublicArticle, PublicEvent } from '../public-events/contract.js';

/**
 * What Redaksi has published about one article as of one change: the input of toNinjs. It is
 * built from the public contract (never from internal events), so a ninjs document can carry
 * nothing a reader of the live site could not see.
 */
export type NinjsSource = LiveArticle | WithdrawnArticle | TakenDownArticle;

interface ArticleChange {
  readonly articleId: string;
  readonly slug: string;
  /** The article's revision at this change: it grows with every change, so it orders versions. */
  readonly revision: number;
  /** When the newsroom made the change (ISO 8601). */
  readonly changedAt: string;
}

/** Facts about a live article that the public events do not carry; each is optional. */
export interface LiveArticleExtras {
  /** The writer holds the desk's "Verified Writer" badge. Absent: not known, no indicator. */
  readonly verifiedWriter?: boolean;
  /** Not to be shown before this instant (ISO 8601). Absent: no embargo. */
  readonly embargoedUntil?: string;
}

export interface LiveArticle extends ArticleChange, LiveArticleExtras {
  readonly state: 'live';
  readonly article: PublicArticle;
}

/** Off the site; the desk's public notice is shown at its address instead. */
export interface WithdrawnArticle extends ArticleChange {
  readonly state: 'withdrawn';
  readonly notice: string;
}

/** Gone: nothing of it may be shown any more. */
export interface TakenDownArticle extends ArticleChange {
  readonly state: 'taken-down';
}

/** The article as a public event leaves it. `extras` apply only while the article is live. */
export function ninjsSourceOf(event: PublicEvent, extras: LiveArticleExtras = {}): NinjsSource {
  const change: ArticleChange = { articleId: event.articleId, slug: event.slug, revision: event.revision, changedAt: event.occurredAt };
  switch (event.type) {
    case 'article.published':
    case 'article.updated':
    case 'article.corrected':
    case 'article.related-changed':
      return { ...change, ...extras, state: 'live', article: event.data.article };
    case 'article.unpublished':
      return event.data.mode === 'withdraw'
        ? { ...change, state: 'withdrawn', notice: event.data.notice }
        : { ...change, state: 'taken-down' };
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown public event type ${(event as { type?: unknown }).type as string}`);
}
