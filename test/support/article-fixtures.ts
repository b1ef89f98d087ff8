import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import type { ArticleContent } from '../../src/articles/model/content.js';
import type { TestApp, Who } from './test-app.js';

export const VERIFY_BODY = { checklist: { sourcesChecked: true, quotesAttributed: true } } as const;

export type FixtureStatus = 'draft' | 'in_review' | 'verified' | 'published';

/** Drives a fresh article through the real API up to a status; returns its id. */
export async function articleIn(
  t: TestApp,
  status: FixtureStatus,
  options: { author?: Who; content?: Partial<ArticleContent> } = {},
): Promise<string> {
  const author = options.author ?? 'writer';
  const created = await t
    .as(author)
    .post('/v1/articles')
    .send({ ...sampleArticleContent, ...options.content })
    .expect(201);
  const id = created.body.id as string;
  if (status === 'draft') return id;
  await t.as(author).post(`/v1/articles/${id}/submit`).expect(200);
  if (status === 'in_review') return id;
  await t
    .as(author === 'editor' ? 'editor2' : 'editor')
    .post(`/v1/articles/${id}/verify`)
    .send(VERIFY_BODY)
    .expect(200);
  if (status === 'verified') return id;
  await t.as('editor').post(`/v1/articles/${id}/publish`).expect(200);
  return id;
}

/**
 * How many events the whole store holds: "writes nothing" is checked against it. The audit
 * stream is left out: a refused command writes nothing, yet its refusal is recorded there.
 */
export async function eventCount(t: TestApp): Promise<number> {
  return (await t.store.readAll()).filter((event) => !event.streamId.startsWith('audit-')).length;
}
