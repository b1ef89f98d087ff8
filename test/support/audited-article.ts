import type { ArticleState } from '../../src/articles/model/state.js';
import { sampleArticleContent, sampleRevisedContent } from '../../src/articles/model/testing/sample-article.js';
import { VERIFY_BODY } from './article-fixtures.js';
import type { TestApp } from './test-app.js';

export interface AuditedArticle {
  readonly id: string;
  readonly relatedId: string;
  /** The state each command answered with, by the revision it produced: what the decider held then. */
  readonly states: readonly ArticleState[];
}

export const STEP_MS = 60_000;

/**
 * A realistic life through the real API, one event per command and one minute between
 * commands on the test clock: drafted, sent back, revised, verified, published, linked,
 * revised again and corrected, unlinked, withdrawn (revisions 0 to 13).
 */
export async function driveAuditedArticle(t: TestApp): Promise<AuditedArticle> {
  const related = await t
    .as('writer2')
    .post('/v1/articles')
    .send({ ...sampleArticleContent, headline: 'Banjir Rendam Ratusan Rumah di Pondok Aren' })
    .expect(201);
  const relatedId = related.body.id as string;
  const states: ArticleState[] = [];
  const step = async (send: () => Promise<{ body: unknown }>) => {
    t.clock.advance(STEP_MS);
    const { body } = await send();
    const state = body as ArticleState;
    states[state.revision] = state;
    return state;
  };

  const { id } = await step(() => t.as('writer').post('/v1/articles').send(sampleArticleContent).expect(201));
  const url = `/v1/articles/${id}`;
  await step(() => t.as('writer').post(`${url}/submit`).expect(200));
  await step(() =>
    t.as('editor').post(`${url}/request-changes`).send({ notes: 'Tambahkan jumlah pompa terbaru dan sumbernya.' }).expect(200),
  );
  await step(() => t.as('writer').put(`${url}/content`).send(sampleRevisedContent).expect(200));
  await step(() => t.as('writer').post(`${url}/submit`).expect(200));
  await step(() => t.as('editor').post(`${url}/verify`).send(VERIFY_BODY).expect(200));
  await step(() => t.as('editor').post(`${url}/publish`).expect(200));
  await step(() => t.as('editor').post(`${url}/related`).send({ relatedArticleId: relatedId, afterBlock: 1 }).expect(200));
  const withOrigin = { ...sampleRevisedContent, dek: `${sampleRevisedContent.dek} Pompa tambahan berasal dari Pemprov Banten.` };
  await step(() => t.as('editor').put(`${url}/content`).send(withOrigin).expect(200));
  await step(() => t.as('editor').post(`${url}/submit`).expect(200));
  await step(() =>
    t
      .as('editor2')
      .post(`${url}/verify`)
      .send({ ...VERIFY_BODY, notes: 'Dicek ulang ke BPBD.' })
      .expect(200),
  );
  await step(() =>
    t.as('editor').post(`${url}/correct`).send({ note: 'Versi sebelumnya tidak menyebut asal pompa tambahan.' }).expect(200),
  );
  await step(() => t.as('editor').delete(`${url}/related/${relatedId}`).expect(200));
  await step(() =>
    t
      .as('editor')
      .post(`${url}/unpublish`)
      .send({ mode: 'withdraw', reason: 'Permintaan narasumber', notice: 'Artikel ini ditarik atas permintaan narasumber.' })
      .expect(200),
  );
  return { id, relatedId, states };
}
