import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import type { Who } from '../../test/support/test-app.js';

const VERIFY_BODY = JSON.stringify({ checklist: { sourcesChecked: true, quotesAttributed: true } });

export type BenchApi = (who: Who, method: string, route: string, body?: string) => Promise<Response>;

/** Requests to the server under test, authenticated as one of the fixture principals. */
export function benchApi(baseUrl: string, tokens: Record<Who, string>): BenchApi {
  return (who, method, route, body) =>
    fetch(`${baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body }),
    });
}

/**
 * `total` articles drafted by the writer, submitted and verified by a second editor over HTTP
 * (`concurrency` in flight), ready for a measured publish each. Returns their ids.
 */
export async function prepareVerifiedArticles(api: BenchApi, total: number, concurrency: number): Promise<string[]> {
  const prepareOne = async (n: number): Promise<string> => {
    const content = { ...sampleArticleContent, headline: `${sampleArticleContent.headline} ${n}` };
    const created = await api('writer', 'POST', '/v1/articles', JSON.stringify(content));
    if (created.status !== 201) throw new Error(`draft answered ${created.status}: ${await created.text()}`);
    const id = ((await created.json()) as { id: string }).id;
    for (const [who, route, body] of [
      ['writer', `/v1/articles/${id}/submit`, undefined],
      ['editor2', `/v1/articles/${id}/verify`, VERIFY_BODY],
    ] as const) {
      const answered = await api(who, 'POST', route, body);
      if (answered.status !== 200) throw new Error(`${route} answered ${answered.status}: ${await answered.text()}`);
      await answered.arrayBuffer();
    }
    return id;
  };
  const prepared: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) prepared.push(await prepareOne(next++));
    }),
  );
  return prepared;
}
