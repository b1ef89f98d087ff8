import { ARTICLE_EVENTS } from '../../src/articles/model/events.js';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { articleHistory, revisedContent } from './article-history.js';

/** The http benchmark's load (issue 7, item 4): connections and how many drafts it revises. */
export const LOAD_CONNECTIONS = 32;
export const LOAD_ARTICLES = 1_000;

/**
 * Appends `count` one-event drafts by the writer through the EventStore port (before the server
 * starts): the articles the revision load works on. Returns their ids.
 */
export async function seedDrafts(storeFile: string, count: number): Promise<string[]> {
  const store = SqliteEventStore.open({ path: storeFile, synchronous: 'NORMAL' });
  const articleIds: string[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const articleId = randomUUID();
        articleIds.push(articleId);
        await store.appendToStream(ARTICLE_EVENTS.streamName(articleId), articleHistory({ articleId, events: 1 }), {
          expectedRevision: 'no_stream',
        });
      }),
    );
  } finally {
    await store.close();
  }
  return articleIds;
}

/**
 * Returns a function that runs autocannon for `seconds`: `connections` connections doing
 * `PUT /v1/articles/{id}/content` with the writer's token and a new ~2.5 KB body every request,
 * round-robin over `articleIds` (no two requests in flight touch the same article).
 */
export function revisionLoad(
  baseUrl: string,
  writerToken: string,
  articleIds: readonly string[],
  connections = LOAD_CONNECTIONS,
): (seconds: number) => Promise<autocannon.Result> {
  let counter = 0;
  // autocannon's instance is only a thenable: wrapped, callers get a real Promise.
  return (seconds) =>
    Promise.resolve(
      autocannon({
        url: baseUrl,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${writerToken}`, 'content-type': 'application/json' },
        requests: [
          {
            method: 'PUT',
            setupRequest: (request) => {
              const n = counter++;
              return {
                ...request,
                path: `/v1/articles/${articleIds[n % articleIds.length]!}/content`,
                body: JSON.stringify(revisedContent(sampleArticleContent, n)),
              };
            },
          },
        ],
      }),
    );
}
