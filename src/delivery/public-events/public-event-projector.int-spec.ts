import { toEventData } from '../../platform/commands/event-metadata.js';
import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import { randomUUID } from 'node:crypto';
import type { ArticleEvent } from '../../articles/model/events.js';
import {
  articleCorrected,
  articleDrafted,
  articlePublished,
  articleSubmitted,
  articleVerified,
  minute,
  relatedLinked,
  relatedUnlinked,
} from '../../articles/model/testing/article-events.js';
import { sampleArticleContent } from '../../articles/model/testing/sample-article.js';
import type { EventStore } from '../../platform/event-store/event-store.port.js';
import { SqliteEventStore } from '../../platform/event-store/sqlite/sqlite-event-store.js';
import type { PublicArticle, PublicEvent } from './contract.js';
import { ARTICLE_STREAMS, PublicEventProjector } from './public-event-projector.js';

const SOURCE = '1a111111-1111-4111-8111-111111111111';
const TARGET = '2b222222-2222-4222-8222-222222222222';
const targetContent = (headline: string) => ({ ...sampleArticleContent, headline });

async function append(store: EventStore, articleId: string, ...events: ArticleEvent[]): Promise<void> {
  for (const event of events) await store.appendToStream(ARTICLE_EVENTS.streamName(articleId), [toEventData(event, randomUUID(), {})]);
}

async function projectAll(store: EventStore, skip = 0): Promise<PublicEvent[]> {
  const projector = new PublicEventProjector(store);
  const events: PublicEvent[] = [];
  for (const recorded of (await store.readAll({ filter: ARTICLE_STREAMS })).slice(skip)) {
    const mapped = await projector.project(recorded);
    if (mapped !== null) events.push(mapped.event);
  }
  return events;
}

const relatedOf = (event: PublicEvent | undefined): PublicArticle['related'] | undefined =>
  event !== undefined && 'article' in event.data ? event.data.article.related : undefined;

/**
 * The projector folds articles from the log and resolves related articles as of each event's
 * position: what a link showed then, not what the target shows now. So the payload of an event
 * is the same on every read, from the start or from the middle of the log.
 */
describe('PublicEventProjector', () => {
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = SqliteEventStore.open({ path: ':memory:' });
    const source = { articleId: SOURCE };
    await append(store, TARGET, articleDrafted({ articleId: TARGET, content: targetContent('Tanggul Jebol') }));
    await append(store, SOURCE, articleDrafted(source), articleSubmitted(), articleVerified(), relatedLinked({ relatedArticleId: TARGET }));
    await append(store, SOURCE, articlePublished({ related: [{ relatedArticleId: TARGET }] }));
    await append(
      store,
      TARGET,
      articleSubmitted(),
      articleVerified(),
      articlePublished({ slug: 'tanggul-jebol', content: targetContent('Tanggul Jebol'), at: minute(60) }),
    );
    await append(
      store,
      SOURCE,
      relatedUnlinked({ relatedArticleId: TARGET, at: minute(61) }),
      relatedLinked({ relatedArticleId: TARGET, afterBlock: 2, at: minute(62) }),
    );
    await append(store, TARGET, articleSubmitted({ at: minute(70) }), articleVerified({ revision: 5, at: minute(71) }));
    await append(
      store,
      TARGET,
      articleCorrected({ slug: 'tanggul-jebol', content: targetContent('Tanggul Jebol di Ciledug'), at: minute(72) }),
    );
    await append(store, SOURCE, articleCorrected({ related: [{ relatedArticleId: TARGET, afterBlock: 2 }], at: minute(80) }));
  });

  afterAll(async () => {
    await store.close();
  });

  test("resolves each link's headline and slug as they were at the event", async () => {
    const events = (await projectAll(store)).filter((event) => event.articleId === SOURCE);
    expect(events.map((event) => [event.type, relatedOf(event)])).toEqual([
      ['article.published', [{ articleId: TARGET, afterBlock: null, slug: null, headline: null }]],
      ['article.related-changed', []],
      ['article.related-changed', [{ articleId: TARGET, afterBlock: 2, slug: 'tanggul-jebol', headline: 'Tanggul Jebol' }]],
      ['article.corrected', [{ articleId: TARGET, afterBlock: 2, slug: 'tanggul-jebol', headline: 'Tanggul Jebol di Ciledug' }]],
    ]);
  });

  test('gives the same payloads when read again, from the start or from the middle of the log', async () => {
    const all = await projectAll(store);
    expect(await projectAll(store)).toEqual(all);
    const middle = await projectAll(store, 9);
    expect(middle.length).toBeGreaterThan(0);
    expect(middle).toEqual(all.slice(all.length - middle.length));
  });
});
