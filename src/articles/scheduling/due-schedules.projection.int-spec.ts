import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { tableNamesOf } from '../../platform/projections/projection.js';
import type { ArticleEvent } from '../model/events.js';
import {
  articleChangesRequested,
  articlePublished,
  articleScheduled,
  articleUnscheduled,
  historyIn,
  relatedLinked,
} from '../model/testing/article-events.js';
import { sampleArticleId } from '../model/testing/sample-article.js';
import { dueSchedulesProjection } from './due-schedules.projection.js';

/** The schedules model after these events of the sample article, as the runner would apply them. */
function schedulesAfter(events: readonly ArticleEvent[]): unknown[] {
  const db = new Database(':memory:');
  const tables = tableNamesOf(dueSchedulesProjection, 1);
  dueSchedulesProjection.setup(db, tables);
  const writer = dueSchedulesProjection.writer(db, tables);
  events.forEach((event, revision) =>
    writer.apply({
      streamId: `article-${sampleArticleId}`,
      revision: BigInt(revision),
      id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
      type: event.type,
      data: event.data as never,
      metadata: { schemaVersion: 1 },
      contentType: 'application/json',
      position: { commit: BigInt(revision), prepare: BigInt(revision) },
      created: new Date(0),
    }),
  );
  const rows = db.prepare(`SELECT * FROM ${tables.schedules}`).all();
  db.close();
  return rows;
}

describe('the schedules read model', () => {
  const verified = historyIn('verified');
  const publishAt = '2030-01-01T06:00:00.000Z';

  it('holds a scheduled article with when it is due and the schedule event', () => {
    expect(schedulesAfter([...verified, articleScheduled({ publishAt })])).toEqual([
      {
        article_id: sampleArticleId,
        publish_at: Date.parse(publishAt),
        scheduled_revision: verified.length,
        scheduled_event_id: `00000000-0000-4000-8000-${String(verified.length).padStart(12, '0')}`,
      },
    ]);
  });

  it('keeps it through related links, which leave the schedule as it is', () => {
    expect(schedulesAfter([...verified, articleScheduled({ publishAt }), relatedLinked({ relatedArticleId: randomUUID() })])).toHaveLength(
      1,
    );
  });

  it.each([
    ['unscheduled', articleUnscheduled({ publishAt })],
    ['published', articlePublished()],
    ['sent back', articleChangesRequested()],
  ])('forgets it once it is %s', (_case, ending) => {
    expect(schedulesAfter([...verified, articleScheduled({ publishAt }), ending])).toEqual([]);
  });

  it('takes a new schedule after an unschedule', () => {
    const later = '2030-02-01T06:00:00.000Z';
    const rows = schedulesAfter([
      ...verified,
      articleScheduled({ publishAt }),
      articleUnscheduled({ publishAt }),
      articleScheduled({ publishAt: later }),
    ]);
    expect(rows).toMatchObject([{ publish_at: Date.parse(later), scheduled_revision: verified.length + 2 }]);
  });
});
