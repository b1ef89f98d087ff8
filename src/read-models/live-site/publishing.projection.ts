import type Database from 'better-sqlite3';
import { ARTICLE_EVENTS, type ArticleCorrected, type ArticlePublished, type ArticleUnpublished } from '../../articles/model/events.js';
import { CONTRIBUTOR_EVENTS } from '../../contributors/model/events.js';
import { eitherOf } from '../../kernel/event-decoder.js';
import { defineProjection, type TableNames } from '../../platform/projections/projection.js';

const TABLES = ['articles', 'topics', 'related', 'corrections', 'contributors'] as const;
export type PublishingTable = (typeof TABLES)[number];

/**
 * What the live site shows, built only from what went live: ArticlePublished and ArticleCorrected carry
 * the whole live copy, so no draft or unverified revision can reach these tables.
 *
 * - `articles`: one row per article that was ever published: `published` (with its live content),
 *   `withdrawn` (the public notice only) or `taken_down` (nothing but the slug, for 410 Gone).
 * - `related`: the "Baca Juga" links in effect on the live copy: the set the publish or correction event
 *   carried, then RelatedLinked/RelatedUnlinked after it (links need no verification, so an editor's link
 *   shows at once). Links of an article that is not live are ignored: its next publication carries them.
 *   Targets are resolved when read, so a link shows the target's live headline and slug, disappears
 *   while the target is not published and comes back when it is republished.
 * - `topics`: the published articles' topics (lowercased), for the latest-news filter.
 * - `corrections`: public correction notices, kept through unpublishing and republishing.
 * - `contributors`: the byline facts (display name, public contact, community writer, verified).
 */
/** What the live site is built from: what went live, its links, and the bylines. */
const SOURCE = eitherOf(
  ARTICLE_EVENTS.only('ArticlePublished', 'ArticleCorrected', 'ArticleUnpublished', 'RelatedLinked', 'RelatedUnlinked'),
  CONTRIBUTOR_EVENTS.all(),
);
type PublishingInput = ReturnType<typeof SOURCE.decode>;

export const publishingProjection = defineProjection<PublishingTable, PublishingInput>({
  name: 'publishing',
  version: 1,
  source: SOURCE,
  tables: TABLES,
  setup(db, t) {
    db.exec(`
      CREATE TABLE ${t.articles} (
        article_id         TEXT PRIMARY KEY,
        slug               TEXT NOT NULL UNIQUE,
        state              TEXT NOT NULL CHECK (state IN ('published', 'withdrawn', 'taken_down')),
        headline           TEXT,
        content            TEXT,
        author_id          TEXT NOT NULL,
        author_name        TEXT NOT NULL,
        editor_name        TEXT,
        first_published_at TEXT NOT NULL,
        published_at       TEXT,
        notice             TEXT,
        unpublished_at     TEXT
      ) WITHOUT ROWID;
      CREATE INDEX ${t.articles}_latest ON ${t.articles} (first_published_at DESC, article_id DESC) WHERE state = 'published';
      CREATE TABLE ${t.topics} (
        topic_key          TEXT NOT NULL,
        first_published_at TEXT NOT NULL,
        article_id         TEXT NOT NULL,
        PRIMARY KEY (topic_key, first_published_at, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX ${t.topics}_by_article ON ${t.topics} (article_id);
      CREATE TABLE ${t.related} (
        article_id         TEXT NOT NULL,
        related_article_id TEXT NOT NULL,
        ordinal            INTEGER NOT NULL,
        after_block        INTEGER,
        PRIMARY KEY (article_id, related_article_id)
      ) WITHOUT ROWID;
      CREATE INDEX ${t.related}_by_target ON ${t.related} (related_article_id);
      CREATE TABLE ${t.corrections} (
        article_id   TEXT NOT NULL,
        revision     INTEGER NOT NULL,
        note         TEXT NOT NULL,
        corrected_at TEXT NOT NULL,
        PRIMARY KEY (article_id, revision)
      ) WITHOUT ROWID;
      CREATE TABLE ${t.contributors} (
        contributor_id TEXT PRIMARY KEY,
        display_name   TEXT,
        public_contact TEXT,
        community      INTEGER NOT NULL DEFAULT 0,
        verified       INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
    `);
  },
  writer: (db, t) => new PublishingWriter(db, t),
});

/** Topics match case-insensitively: "Banjir" and "banjir" are one tag on the site. */
export function topicKey(topic: string): string {
  return topic.trim().toLowerCase();
}

type LiveCopy = ArticlePublished['data'] | ArticleCorrected['data'];

class PublishingWriter {
  private readonly upsertLive: Database.Statement;
  private readonly markUnpublished: Database.Statement;
  private readonly stateOf: Database.Statement<[string], { state: string }>;
  private readonly deleteTopics: Database.Statement;
  private readonly insertTopic: Database.Statement;
  private readonly deleteLinks: Database.Statement;
  private readonly insertLink: Database.Statement;
  private readonly deleteLink: Database.Statement;
  private readonly insertCorrection: Database.Statement;
  private readonly upsertProfile: Database.Statement;
  private readonly setVerified: Database.Statement;

  constructor(db: Database.Database, t: TableNames<PublishingTable>) {
    this.upsertLive = db.prepare(`
      INSERT INTO ${t.articles} (article_id, slug, state, headline, content, author_id, author_name, editor_name, first_published_at, published_at)
      VALUES (@articleId, @slug, 'published', @headline, @content, @authorId, @authorName, @editorName, @firstPublishedAt, @at)
      ON CONFLICT (article_id) DO UPDATE SET
        slug = excluded.slug, state = 'published', headline = excluded.headline, content = excluded.content,
        author_id = excluded.author_id, author_name = excluded.author_name, editor_name = excluded.editor_name,
        first_published_at = excluded.first_published_at, published_at = excluded.published_at,
        notice = NULL, unpublished_at = NULL`);
    this.markUnpublished = db.prepare(`
      UPDATE ${t.articles}
         SET state = @state, notice = @notice, unpublished_at = @at,
             headline = NULL, content = NULL, editor_name = NULL, published_at = NULL
       WHERE article_id = @articleId`);
    this.stateOf = db.prepare(`SELECT state FROM ${t.articles} WHERE article_id = ?`);
    this.deleteTopics = db.prepare(`DELETE FROM ${t.topics} WHERE article_id = ?`);
    // OR IGNORE: two spellings of one topic ("Banjir", "banjir") are one key.
    this.insertTopic = db.prepare(`INSERT OR IGNORE INTO ${t.topics} (topic_key, first_published_at, article_id) VALUES (?, ?, ?)`);
    this.deleteLinks = db.prepare(`DELETE FROM ${t.related} WHERE article_id = ?`);
    this.insertLink = db.prepare(`
      INSERT INTO ${t.related} (article_id, related_article_id, ordinal, after_block)
      VALUES (@articleId, @relatedArticleId,
              (SELECT coalesce(max(ordinal) + 1, 0) FROM ${t.related} WHERE article_id = @articleId), @afterBlock)`);
    this.deleteLink = db.prepare(`DELETE FROM ${t.related} WHERE article_id = ? AND related_article_id = ?`);
    this.insertCorrection = db.prepare(`INSERT INTO ${t.corrections} (article_id, revision, note, corrected_at) VALUES (?, ?, ?, ?)`);
    this.upsertProfile = db.prepare(`
      INSERT INTO ${t.contributors} (contributor_id, display_name, public_contact, community)
      VALUES (@contributorId, @displayName, @publicContact, @community)
      ON CONFLICT (contributor_id) DO UPDATE SET
        display_name = excluded.display_name, public_contact = excluded.public_contact, community = excluded.community`);
    this.setVerified = db.prepare(`
      INSERT INTO ${t.contributors} (contributor_id, verified) VALUES (?, ?)
      ON CONFLICT (contributor_id) DO UPDATE SET verified = excluded.verified`);
  }

  apply(input: PublishingInput): void {
    const { event, id } = input;
    switch (event.type) {
      case 'ArticlePublished':
        return this.live(id, event.data);
      case 'ArticleCorrected':
        this.live(id, event.data);
        this.insertCorrection.run(id, Number(input.revision), event.data.note, event.data.at);
        return;
      case 'ArticleUnpublished':
        return this.unpublished(id, event.data);
      case 'RelatedLinked': {
        const { relatedArticleId, afterBlock } = event.data;
        if (this.isLive(id)) this.insertLink.run({ articleId: id, relatedArticleId, afterBlock: afterBlock ?? null });
        return;
      }
      case 'RelatedUnlinked':
        if (this.isLive(id)) this.deleteLink.run(id, event.data.relatedArticleId);
        return;
      case 'ContributorProfileUpdated': {
        const { contributorId, displayName, publicContact, community } = event.data;
        this.upsertProfile.run({ contributorId, displayName, publicContact: publicContact ?? null, community: community ? 1 : 0 });
        return;
      }
      case 'ContributorVerified':
      case 'ContributorVerificationRevoked':
        this.setVerified.run(event.data.contributorId, event.type === 'ContributorVerified' ? 1 : 0);
        return;
      default:
        return unhandled(event);
    }
  }

  private live(articleId: string, data: LiveCopy): void {
    this.upsertLive.run({
      articleId,
      slug: data.slug,
      headline: data.content.headline,
      content: JSON.stringify(data.content),
      authorId: data.authorId,
      authorName: data.authorName,
      editorName: data.editorName,
      firstPublishedAt: data.firstPublishedAt,
      at: data.at,
    });
    this.deleteTopics.run(articleId);
    for (const topic of data.content.topics) this.insertTopic.run(topicKey(topic), data.firstPublishedAt, articleId);
    this.deleteLinks.run(articleId);
    for (const link of data.related)
      this.insertLink.run({ articleId, relatedArticleId: link.relatedArticleId, afterBlock: link.afterBlock ?? null });
  }

  private unpublished(articleId: string, data: ArticleUnpublished['data']): void {
    const state = data.mode === 'withdraw' ? 'withdrawn' : 'taken_down';
    const changed = this.markUnpublished.run({
      articleId,
      state,
      notice: data.mode === 'withdraw' ? (data.notice ?? null) : null,
      at: data.at,
    });
    if (changed.changes !== 1) throw new Error(`Article ${articleId} was unpublished but never published`);
    this.deleteTopics.run(articleId);
    this.deleteLinks.run(articleId);
  }

  private isLive(articleId: string): boolean {
    return this.stateOf.get(articleId)?.state === 'published';
  }
}

function unhandled(event: never): never {
  throw new Error(`The publishing projection does not handle ${(event as { type?: unknown }).type as string}`);
}
