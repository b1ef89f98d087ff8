import { Injectable } from '@nestjs/common';
import type { ArticleContent } from '../../articles/model/content.js';
import { decodeCursor, encodeCursor } from '../../platform/projections/cursor.js';
import type { QueryContext } from '../../platform/projections/read-models.js';
import { ReadModels } from '../../platform/projections/read-models.js';
import { type PublishingTable, publishingProjection, topicKey } from './publishing.projection.js';
import {
  COMMUNITY_DISCLAIMER,
  type LatestNewsItem,
  type LatestNewsPage,
  type PublishedArticleView,
  type RelatedLinkRow,
  type WithdrawnArticleView,
  withRelatedBlocks,
} from './published-view.js';

export type PublishedLookup =
  | { readonly kind: 'published'; readonly article: PublishedArticleView }
  | { readonly kind: 'withdrawn'; readonly article: WithdrawnArticleView }
  | { readonly kind: 'gone' }
  | { readonly kind: 'not_found' };

interface ArticleRow {
  article_id: string;
  slug: string;
  state: 'published' | 'withdrawn' | 'taken_down';
  content: string | null;
  author_id: string;
  author_name: string;
  editor_name: string | null;
  first_published_at: string;
  published_at: string | null;
  notice: string | null;
  unpublished_at: string | null;
  display_name: string | null;
  public_contact: string | null;
  community: number | null;
  verified: number | null;
}

interface ListRow {
  article_id: string;
  slug: string;
  content: string;
  author_name: string;
  display_name: string | null;
  first_published_at: string;
  published_at: string;
}

type Context = QueryContext<PublishingTable>;

/** Queries on the publishing read model (see publishing.projection.ts). */
@Injectable()
export class PublishedArticles {
  constructor(private readonly readModels: ReadModels) {}

  bySlug(slug: string): PublishedLookup {
    return this.readModels.query(publishingProjection, (q) => lookup(q, 'slug', slug));
  }

  byId(id: string): PublishedLookup {
    return this.readModels.query(publishingProjection, (q) => lookup(q, 'article_id', id));
  }

  /** Newest first by first publication (updates and corrections do not move an article up). */
  latest(options: { readonly topic?: string; readonly cursor?: string; readonly limit: number }): LatestNewsPage {
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, 2);
    return this.readModels.query(publishingProjection, (q) => {
      const t = q.tables;
      const byline = `LEFT JOIN ${t.contributors} c ON c.contributor_id = a.author_id`;
      const columns = 'a.article_id, a.slug, a.content, a.author_name, c.display_name, a.first_published_at, a.published_at';
      const rows =
        options.topic === undefined
          ? q.all<ListRow>(
              `SELECT ${columns} FROM ${t.articles} a ${byline}
                WHERE a.state = 'published' ${after ? 'AND (a.first_published_at, a.article_id) < (?, ?)' : ''}
                ORDER BY a.first_published_at DESC, a.article_id DESC LIMIT ?`,
              ...(after ?? []),
              options.limit + 1,
            )
          : q.all<ListRow>(
              `SELECT ${columns} FROM ${t.topics} tp JOIN ${t.articles} a ON a.article_id = tp.article_id ${byline}
                WHERE tp.topic_key = ? ${after ? 'AND (tp.first_published_at, tp.article_id) < (?, ?)' : ''}
                ORDER BY tp.first_published_at DESC, tp.article_id DESC LIMIT ?`,
              topicKey(options.topic),
              ...(after ?? []),
              options.limit + 1,
            );
      const page = rows.slice(0, options.limit);
      const last = page.at(-1);
      return {
        items: page.map(toListItem),
        nextCursor: rows.length > options.limit && last !== undefined ? encodeCursor([last.first_published_at, last.article_id]) : null,
      };
    });
  }
}

function lookup(q: Context, column: 'slug' | 'article_id', value: string): PublishedLookup {
  const { tables: t } = q;
  const row = q.get<ArticleRow>(
    `SELECT a.*, c.display_name, c.public_contact, c.community, c.verified
       FROM ${t.articles} a LEFT JOIN ${t.contributors} c ON c.contributor_id = a.author_id
      WHERE a.${column} = ?`,
    value,
  );
  if (row === undefined) return { kind: 'not_found' };
  if (row.state === 'taken_down') return { kind: 'gone' };
  if (row.state === 'withdrawn') {
    return {
      kind: 'withdrawn',
      article: { id: row.article_id, slug: row.slug, status: 'withdrawn', notice: row.notice ?? '', withdrawnAt: row.unpublished_at ?? '' },
    };
  }
  return { kind: 'published', article: toArticle(q, row) };
}

function toArticle(q: Context, row: ArticleRow): PublishedArticleView {
  const { tables: t } = q;
  const content = JSON.parse(row.content ?? 'null') as ArticleContent;
  const links = q.all<RelatedLinkRow>(
    `SELECT r.related_article_id, r.after_block, target.slug, target.headline
       FROM ${t.related} r JOIN ${t.articles} target ON target.article_id = r.related_article_id AND target.state = 'published'
      WHERE r.article_id = ? ORDER BY r.ordinal`,
    row.article_id,
  );
  const corrections = q.all<{ note: string; corrected_at: string }>(
    `SELECT note, corrected_at FROM ${t.corrections} WHERE article_id = ? ORDER BY revision`,
    row.article_id,
  );
  const community = row.community === 1;
  return {
    id: row.article_id,
    slug: row.slug,
    status: 'published',
    headline: content.headline,
    dek: content.dek,
    dateline: content.dateline,
    language: content.language,
    body: withRelatedBlocks(content.body, links),
    sources: content.sources,
    topics: content.topics,
    byline: {
      contributorId: row.author_id,
      name: row.display_name ?? row.author_name,
      verifiedWriter: row.verified === 1,
      publicContact: row.public_contact,
    },
    communityContent: community,
    disclaimer: community ? COMMUNITY_DISCLAIMER : null,
    editor: { name: row.editor_name ?? '' },
    firstPublishedAt: row.first_published_at,
    publishedAt: row.published_at ?? row.first_published_at,
    corrections: corrections.map((c) => ({ note: c.note, correctedAt: c.corrected_at })),
  };
}

function toListItem(row: ListRow): LatestNewsItem {
  const content = JSON.parse(row.content) as ArticleContent;
  return {
    id: row.article_id,
    slug: row.slug,
    headline: content.headline,
    dek: content.dek,
    topics: content.topics,
    byline: { name: row.display_name ?? row.author_name },
    firstPublishedAt: row.first_published_at,
    publishedAt: row.published_at,
  };
}
