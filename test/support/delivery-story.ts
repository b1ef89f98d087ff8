import { sampleArticleContent, sampleRevisedContent } from '../../src/articles/model/testing/sample-article.js';
import { articleIn, VERIFY_BODY } from './article-fixtures.js';
import type { TestApp } from './test-app.js';

/** Written only where the public must never look: drafts, notes, reasons. */
export const INTERNAL_MARKER = 'RAHASIA-DAPUR-REDAKSI';

export interface DeliveryStory {
  readonly articles: { readonly a: string; readonly b: string; readonly c: string; readonly d: string; readonly draft: string };
  /** The public events the story must produce, in log order: [article key, type]. */
  readonly expected: readonly (readonly [keyof DeliveryStory['articles'], string])[];
}

/**
 * A newsroom morning over the real API: publications, a related link while live, a correction,
 * an update, a takedown and a withdrawal, with a never-published draft, editors' notes,
 * verification notes, unpublication reasons and an unpublished working copy along the way.
 */
export async function playDeliveryStory(t: TestApp): Promise<DeliveryStory> {
  const editor = t.as('editor');
  const draft = await articleIn(t, 'in_review', { content: { headline: `Draf ${INTERNAL_MARKER} tentang banjir` } });
  await editor
    .post(`/v1/articles/${draft}/request-changes`)
    .send({ notes: `Catatan ${INTERNAL_MARKER}` })
    .expect(200);

  const a = await articleIn(t, 'published');
  const b = await articleIn(t, 'published', { author: 'writer2', content: { headline: 'Banjir Rendam Ratusan Rumah di Pondok Aren' } });
  await editor.post(`/v1/articles/${a}/related`).send({ relatedArticleId: b, afterBlock: 1 }).expect(200);

  await editor.put(`/v1/articles/${a}/content`).send(sampleRevisedContent).expect(200);
  await editor.post(`/v1/articles/${a}/submit`).expect(200);
  await t
    .as('editor2')
    .post(`/v1/articles/${a}/verify`)
    .send({ ...VERIFY_BODY, notes: `Verifikasi ${INTERNAL_MARKER}` })
    .expect(200);
  await editor.post(`/v1/articles/${a}/correct`).send({ note: 'Jumlah pompa yang benar adalah 14 unit.' }).expect(200);
  // A working copy that is never published, while the live copy gets a related change.
  await editor
    .put(`/v1/articles/${a}/content`)
    .send({ ...sampleRevisedContent, headline: `Revisi ${INTERNAL_MARKER}` })
    .expect(200);
  await editor.delete(`/v1/articles/${a}/related/${b}`).expect(200);

  await editor
    .post(`/v1/articles/${b}/unpublish`)
    .send({ mode: 'takedown', reason: `Alasan ${INTERNAL_MARKER}` })
    .expect(200);

  const c = await articleIn(t, 'published', { content: { headline: 'Warga Ciputat Siapkan Tas Siaga Banjir', topics: ['Ciputat'] } });
  await editor
    .post(`/v1/articles/${c}/unpublish`)
    .send({ mode: 'withdraw', reason: `Alasan ${INTERNAL_MARKER}`, notice: 'Artikel ini ditarik karena narasumber meralat keterangannya.' })
    .expect(200);

  const d = await articleIn(t, 'published', { content: { headline: 'BMKG: Hujan Lebat Berlanjut Hingga Akhir Februari' } });
  await editor
    .put(`/v1/articles/${d}/content`)
    .send({ ...sampleArticleContent, headline: 'BMKG: Hujan Lebat Berlanjut Hingga Awal Maret' })
    .expect(200);
  await editor.post(`/v1/articles/${d}/submit`).expect(200);
  await t.as('editor2').post(`/v1/articles/${d}/verify`).send(VERIFY_BODY).expect(200);
  await editor.post(`/v1/articles/${d}/publish`).expect(200);

  return {
    articles: { a, b, c, d, draft },
    expected: [
      ['a', 'article.published'],
      ['b', 'article.published'],
      ['a', 'article.related-changed'],
      ['a', 'article.corrected'],
      ['a', 'article.related-changed'],
      ['b', 'article.unpublished'],
      ['c', 'article.published'],
      ['c', 'article.unpublished'],
      ['d', 'article.published'],
      ['d', 'article.updated'],
    ],
  };
}
