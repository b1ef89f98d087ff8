import type { Block, Source } from '../../articles/model/content.js';

/** "Baca Juga" as the site renders it: after the block it follows, the target's live headline and slug. */
export interface RelatedBlock {
  readonly type: 'related';
  readonly label: 'Baca Juga';
  readonly articles: readonly { readonly id: string; readonly slug: string; readonly headline: string }[];
}

export type PublishedBlock = Block | RelatedBlock;

export interface Byline {
  /** The writer's principal id, which is also their contributor id. */
  readonly contributorId: string;
  readonly name: string;
  readonly verifiedWriter: boolean;
  readonly publicContact: string | null;
}

export interface PublishedArticleView {
  readonly id: string;
  readonly slug: string;
  readonly status: 'published';
  readonly headline: string;
  readonly dek: string;
  readonly dateline: string;
  readonly language: string;
  readonly body: readonly PublishedBlock[];
  readonly sources: readonly Source[];
  readonly topics: readonly string[];
  readonly byline: Byline;
  readonly communityContent: boolean;
  /** Shown on community contributors' articles; null on staff articles. */
  readonly disclaimer: string | null;
  readonly editor: { readonly name: string };
  readonly firstPublishedAt: string;
  /** When this live copy went up (first publication, update or correction). */
  readonly publishedAt: string;
  readonly corrections: readonly { readonly note: string; readonly correctedAt: string }[];
}

/** A withdrawn article keeps its URL and shows the desk's public notice instead of the content. */
export interface WithdrawnArticleView {
  readonly id: string;
  readonly slug: string;
  readonly status: 'withdrawn';
  readonly notice: string;
  readonly withdrawnAt: string;
}

export interface LatestNewsItem {
  readonly id: string;
  readonly slug: string;
  readonly headline: string;
  readonly dek: string;
  readonly topics: readonly string[];
  readonly byline: { readonly name: string };
  readonly firstPublishedAt: string;
  readonly publishedAt: string;
}

export interface LatestNewsPage {
  readonly items: readonly LatestNewsItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

export const COMMUNITY_DISCLAIMER =
  'Artikel ini ditulis oleh kontributor komunitas. Isi artikel sepenuhnya menjadi tanggung jawab penulis.';

export interface RelatedLinkRow {
  readonly related_article_id: string;
  readonly after_block: number | null;
  readonly slug: string;
  readonly headline: string;
}

/**
 * The live body with "Baca Juga" after the blocks the links name, in the order they were linked. A link
 * placed after the body, or after a block the live body no longer has (the working copy it was placed on
 * was longer), follows the last block.
 */
export function withRelatedBlocks(body: readonly Block[], links: readonly RelatedLinkRow[]): PublishedBlock[] {
  const last = body.length - 1;
  const after = new Map<number, RelatedBlock['articles'][number][]>();
  for (const link of links) {
    const index = link.after_block === null || link.after_block > last ? last : link.after_block;
    const group = after.get(index) ?? [];
    group.push({ id: link.related_article_id, slug: link.slug, headline: link.headline });
    after.set(index, group);
  }
  const blocks: PublishedBlock[] = [];
  const related = (index: number): void => {
    const articles = after.get(index);
    if (articles !== undefined) blocks.push({ type: 'related', label: 'Baca Juga', articles });
  };
  related(-1); // only for an empty body
  body.forEach((block, index) => {
    blocks.push(block);
    related(index);
  });
  return blocks;
}
