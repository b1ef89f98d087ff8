import type Database from 'better-sqlite3';
import { defineProjection, type TableNames } from '../../platform/projections/projection.js';
import { ARTICLE_EVENTS, type ArticleFact } from '../model/events.js';

const TABLES = ['schedules'] as const;
export type DueSchedulesTable = (typeof TABLES)[number];

/**
 * The schedules the scheduler waits for: one row per article that is scheduled now, with when it is
 * due and which schedule event set it (the publication's ids derive from it). Kept with its
 * checkpoint like every read model, so a start reads only what the log gained since, never the
 * whole article category.
 */
export const dueSchedulesProjection = defineProjection<DueSchedulesTable, ArticleFact>({
  name: 'schedules',
  version: 1,
  source: ARTICLE_EVENTS.all(),
  tables: TABLES,
  setup(db, t) {
    db.exec(`
      CREATE TABLE ${t.schedules} (
        article_id         TEXT PRIMARY KEY,
        publish_at         INTEGER NOT NULL,
        scheduled_revision INTEGER NOT NULL,
        scheduled_event_id TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX ${t.schedules}_due ON ${t.schedules} (publish_at, article_id);
    `);
  },
  writer: (db, t) => new DueSchedulesWriter(db, t),
});

class DueSchedulesWriter {
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database, t: TableNames<DueSchedulesTable>) {
    this.upsert = db.prepare(`
      INSERT INTO ${t.schedules} (article_id, publish_at, scheduled_revision, scheduled_event_id) VALUES (?, ?, ?, ?)
      ON CONFLICT (article_id) DO UPDATE SET
        publish_at = excluded.publish_at, scheduled_revision = excluded.scheduled_revision, scheduled_event_id = excluded.scheduled_event_id`);
    this.remove = db.prepare(`DELETE FROM ${t.schedules} WHERE article_id = ?`);
  }

  apply({ id, revision, event, stored }: ArticleFact): void {
    switch (event.type) {
      case 'ArticleScheduled':
        this.upsert.run(id, Date.parse(event.data.publishAt), Number(revision), stored.id);
        return;
      // Links change neither status nor verification: a scheduled article stays scheduled.
      case 'RelatedLinked':
      case 'RelatedUnlinked':
        return;
      // Anything else that can happen to a scheduled article (unscheduled, published, sent back,
      // revised, unpublished) ends its schedule; on other articles there is none to end.
      case 'ArticleDrafted':
      case 'ArticleRevised':
      case 'ArticleSubmitted':
      case 'ArticleChangesRequested':
      case 'ArticleVerified':
      case 'ArticleUnscheduled':
      case 'ArticlePublished':
      case 'ArticleCorrected':
      case 'ArticleUnpublished':
        this.remove.run(id);
        return;
      default:
        return unhandled(event);
    }
  }
}

function unhandled(event: never): never {
  throw new Error(`The schedules projection does not handle ${(event as { type?: unknown }).type as string}`);
}
