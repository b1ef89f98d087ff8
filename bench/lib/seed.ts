import { ARTICLE_EVENTS } from '../../src/articles/model/events.js';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/kernel/identity.js';
import type { ArticleContent } from '../../src/articles/model/content.js';
import type { EventData, EventStore } from '../../src/platform/event-store/event-store.port.js';
import { articleHistory, rebrand } from './article-history.js';

export interface SeedPlan {
  readonly articles: number;
  readonly eventsPerArticle: number;
  readonly content: ArticleContent;
  readonly author?: Actor;
  /** Appends kept in flight, so that group commit batches them. */
  readonly window?: number;
  readonly onProgress?: (events: number) => void;
}

export interface Seeded {
  readonly articleIds: string[];
  readonly events: number;
  readonly elapsedMs: number;
}

/**
 * Fills a store through the EventStore port with valid article streams (decided once, then
 * rebranded per article), one append per stream, many appends in flight.
 */
export async function seedArticles(store: EventStore, plan: SeedPlan): Promise<Seeded> {
  const start = performance.now();
  const template = articleHistory({
    articleId: randomUUID(),
    events: plan.eventsPerArticle,
    content: plan.content,
    ...(plan.author === undefined ? {} : { author: plan.author }),
  });
  const window = plan.window ?? 512;
  const articleIds: string[] = [];
  let events = 0;
  let next = 0;
  let reported = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.articles) {
      next += 1;
      const articleId = randomUUID();
      articleIds.push(articleId);
      await store.appendToStream(ARTICLE_EVENTS.streamName(articleId), rebrand(template, articleId), { expectedRevision: 'no_stream' });
      events += template.length;
      if (plan.onProgress && events - reported >= 100_000) {
        reported = events;
        plan.onProgress(events);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, plan.articles) }, worker));
  return { articleIds, events, elapsedMs: performance.now() - start };
}

/** One stream's events in appends small enough for the store's size limit, each with its expected revision. */
export async function appendStream(store: EventStore, stream: string, events: readonly EventData[], perAppend = 200): Promise<void> {
  for (let i = 0; i < events.length; i += perAppend) {
    await store.appendToStream(stream, events.slice(i, i + perAppend), { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
  }
}
