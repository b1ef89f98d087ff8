import type Database from 'better-sqlite3';
import { ARTICLE_EVENTS, type ArticleEvent, type ArticleFact } from '../../articles/model/events.js';
import { defineProjection, type TableNames } from '../../platform/projections/projection.js';

const TABLES = ['articles', 'topics', 'notes'] as const;
export type DeskTable = (typeof TABLES)[number];

/**
 * The editorial desk: every article's working copy where it stands in the workflow (status as the domain
 * defines it, see articles/model/evolve.ts), with what the desk sorts and filters on: author, topics of
 * the working copy, the schedule, whether a live copy exists (published with pending changes = live and
 * the working copy back in draft, review or verified), and the editors' notes from requested changes.
 */
export const deskProjection = defineProjection<DeskTable, ArticleFact>({
  name: 'desk',
  version: 1,
  source: ARTICLE_EVENTS.all(),
  tables: TABLES,
  setup(db, t) {
    db.exec(`
      CREATE TABLE ${t.articles} (
        article_id       TEXT PRIMARY KEY,
        author_id        TEXT NOT NULL,
        author_name      TEXT NOT NULL,
        status           TEXT NOT NULL,
        headline         TEXT NOT NULL,
        topics           TEXT NOT NULL,
        revision         INTEGER NOT NULL,
        slug             TEXT,
        live_published_at TEXT,
        publish_at       TEXT,
        scheduled_by     TEXT,
        verified_by      TEXT,
        verified_at      TEXT,
        unpublished_mode TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX ${t.articles}_by_status ON ${t.articles} (status, updated_at DESC, article_id DESC);
      CREATE INDEX ${t.articles}_by_author ON ${t.articles} (author_id, updated_at DESC, article_id DESC);
      CREATE INDEX ${t.articles}_by_update ON ${t.articles} (updated_at DESC, article_id DESC);
      CREATE TABLE ${t.topics} (
        topic_key  TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (topic_key, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX ${t.topics}_by_article ON ${t.topics} (article_id);
      CREATE TABLE ${t.notes} (
        article_id TEXT NOT NULL,
        revision   INTEGER NOT NULL,
        notes      TEXT NOT NULL,
        by_id      TEXT NOT NULL,
        by_name    TEXT NOT NULL,
        at         TEXT NOT NULL,
        PRIMARY KEY (article_id, revision)
      ) WITHOUT ROWID;
    `);
  },
  writer: (db, t) => new DeskWriter(db, t),
});

export function deskTopicKey(topic: string): string {
  return topic.trim().toLowerCase();
}

type Update =
  'revised' | 'submitted' | 'changesRequested' | 'verified' | 'scheduled' | 'unscheduled' | 'published' | 'corrected' | 'unpublished';

class DeskWriter {
  private readonly insertArticle: Database.Statement;
  private readonly touch: Database.Statement;
  private readonly update: Readonly<Record<Update, Database.Statement>>;
  private readonly deleteTopics: Database.Statement;
  private readonly insertTopic: Database.Statement;
  private readonly insertNote: Database.Statement;

  constructor(db: Database.Database, t: TableNames<DeskTable>) {
    this.insertArticle = db.prepare(`
      INSERT INTO ${t.articles} (article_id, author_id, author_name, status, headline, topics, revision, created_at, updated_at)
      VALUES (@id, @authorId, @authorName, 'draft', @headline, @topics, @revision, @at, @at)`);
    const set = (assignments: string): Database.Statement =>
      db.prepare(
        `UPDATE ${t.articles} SET ${assignments ? `${assignments}, ` : ''}revision = @revision, updated_at = @at WHERE article_id = @id`,
      );
    this.touch = set('');
    const noVerification = 'verified_by = NULL, verified_at = NULL';
    const noSchedule = 'publish_at = NULL, scheduled_by = NULL';
    this.update = {
      revised: set(`status = @status, headline = @headline, topics = @topics, ${noVerification}, ${noSchedule}`),
      submitted: set(`status = 'in_review'`),
      changesRequested: set(`status = 'draft', ${noVerification}, ${noSchedule}`),
      verified: set(`status = 'verified', verified_by = @by, verified_at = @at`),
      scheduled: set(`status = 'scheduled', publish_at = @publishAt, scheduled_by = @by`),
      unscheduled: set(`status = 'verified', ${noSchedule}`),
      published: set(`status = 'published', slug = @slug, live_published_at = @at, unpublished_mode = NULL, ${noSchedule}`),
      corrected: set(`status = 'published', live_published_at = @at`),
      unpublished: set(`status = 'unpublished', live_published_at = NULL, unpublished_mode = @mode, ${noVerification}, ${noSchedule}`),
    };
    this.deleteTopics = db.prepare(`DELETE FROM ${t.topics} WHERE article_id = ?`);
    this.insertTopic = db.prepare(`INSERT OR IGNORE INTO ${t.topics} (topic_key, article_id) VALUES (?, ?)`);
    this.insertNote = db.prepare(`INSERT INTO ${t.notes} (article_id, revision, notes, by_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?)`);
  }

  apply({ id, revision, event }: ArticleFact): void {
    const changed = this.change(id, Number(revision), event);
    if (changed.changes !== 1) throw new Error(`${event.type} for article ${id}, which the desk does not know`);
  }

  private change(id: string, revision: number, event: ArticleEvent): Database.RunResult {
    const base = { id, revision, at: event.data.at };
    switch (event.type) {
      case 'ArticleDrafted': {
        const { authorId, authorName, content } = event.data;
        this.topics(id, content.topics);
        return this.insertArticle.run({
          ...base,
          authorId,
          authorName,
          headline: content.headline,
          topics: JSON.stringify(content.topics),
        });
      }
      case 'ArticleRevised': {
        const { content, status } = event.data;
        this.topics(id, content.topics);
        return this.update.revised.run({ ...base, status, headline: content.headline, topics: JSON.stringify(content.topics) });
      }
      case 'ArticleSubmitted':
        return this.update.submitted.run(base);
      case 'ArticleChangesRequested': {
        const { notes, by, byName } = event.data;
        this.insertNote.run(id, revision, notes, by, byName, event.data.at);
        return this.update.changesRequested.run(base);
      }
      case 'ArticleVerified':
        return this.update.verified.run({ ...base, by: event.data.verifiedByName });
      case 'ArticleScheduled':
        return this.update.scheduled.run({ ...base, publishAt: event.data.publishAt, by: event.data.byName });
      case 'ArticleUnscheduled':
        return this.update.unscheduled.run(base);
      case 'ArticlePublished':
        return this.update.published.run({ ...base, slug: event.data.slug });
      case 'ArticleCorrected':
        return this.update.corrected.run(base);
      case 'ArticleUnpublished':
        return this.update.unpublished.run({ ...base, mode: event.data.mode });
      case 'RelatedLinked':
      case 'RelatedUnlinked':
        return this.touch.run(base);
      default:
        return unknownEvent(event);
    }
  }

  private topics(id: string, topics: readonly string[]): void {
    this.deleteTopics.run(id);
    for (const topic of topics) this.insertTopic.run(deskTopicKey(topic), id);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`The desk projection does not handle ${(event as { type?: unknown }).type as string}`);
}
