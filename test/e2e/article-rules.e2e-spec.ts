import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { articleIn, eventCount, VERIFY_BODY } from '../support/article-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;

describe('workflow rules over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('the author can never verify their own article: 403 four-eyes, nothing written', async () => {
    const id = await articleIn(t, 'in_review', { author: 'editor' });
    const before = await eventCount(t);
    const res = await t.as('editor').post(`/v1/articles/${id}/verify`).send(VERIFY_BODY).expect(403);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 403, code: 'four_eyes', type: 'https://redaksi.dev/problems/four-eyes' });
    expect(await eventCount(t)).toBe(before);
  });

  test('publishing unverified content is a 409 naming the current status, and claims no slug', async () => {
    const id = await articleIn(t, 'in_review');
    const before = await eventCount(t);
    await t.as('writer').post(`/v1/articles/${id}/publish`).expect(403);
    await t.as('editor').post(`/v1/articles/${id}/correct`).send({ note: 'Ralat' }).expect(409);
    const res = await t.as('editor').post(`/v1/articles/${id}/publish`).expect(409);
    expect(await eventCount(t)).toBe(before);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ currentStatus: 'in_review' });
    expect(res.body.detail).toContain('in_review');
  });

  test('content changed since verification cannot be published: 409', async () => {
    const id = await articleIn(t, 'verified');
    await t
      .as('editor')
      .put(`/v1/articles/${id}/content`)
      .send({ ...sampleArticleContent, dek: 'Dek yang diubah setelah verifikasi.' })
      .expect(200);
    const res = await t.as('editor').post(`/v1/articles/${id}/publish`).expect(409);
    expect(res.body).toMatchObject({ status: 409, currentStatus: 'draft' });
  });

  test('a writer changes only their own drafts', async () => {
    const id = await articleIn(t, 'draft');
    await t.as('writer2').put(`/v1/articles/${id}/content`).send(sampleArticleContent).expect(403);
    await t.as('writer2').get(`/v1/articles/${id}`).expect(403);
    const submitted = await articleIn(t, 'in_review');
    const res = await t
      .as('writer')
      .put(`/v1/articles/${submitted}/content`)
      .send({ ...sampleArticleContent, dek: 'x' })
      .expect(403);
    expect(res.body.currentStatus).toBe('in_review');
  });

  test('auditors and services change nothing; services cannot read working copies', async () => {
    const before = await eventCount(t);
    await t.as('auditor').post('/v1/articles').send(sampleArticleContent).expect(403);
    await t.as('service').post('/v1/articles').send(sampleArticleContent).expect(403);
    const id = await articleIn(t, 'in_review');
    const afterFixture = await eventCount(t);
    await t.as('auditor').post(`/v1/articles/${id}/verify`).send(VERIFY_BODY).expect(403);
    await t.as('auditor').get(`/v1/articles/${id}`).expect(200);
    await t.as('service').get(`/v1/articles/${id}`).expect(403);
    expect(afterFixture - before).toBe(2);
    expect(await eventCount(t)).toBe(afterFixture);
  });

  test('no token is 401 with a Bearer challenge; an unknown token too', async () => {
    const res = await t.anonymous().post('/v1/articles').send(sampleArticleContent).expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    await t
      .anonymous()
      .get('/v1/articles/0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43')
      .set('Authorization', 'Bearer not-a-real-token-but-long-enough-to-be-one')
      .expect(401);
  });

  test('an unknown article is 404; a malformed id is 400', async () => {
    await t.as('editor').get('/v1/articles/0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43').expect(404);
    await t.as('editor').post('/v1/articles/0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43/submit').expect(404);
    await t.as('editor').get('/v1/articles/not-a-uuid').expect(400);
  });

  test('schedule and unschedule', async () => {
    const id = await articleIn(t, 'verified');
    const past = await t.as('editor').post(`/v1/articles/${id}/schedule`).send({ publishAt: '2020-01-01T00:00:00Z' }).expect(400);
    expect(past.headers['content-type']).toMatch(PROBLEM);
    const publishAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const scheduled = await t.as('editor').post(`/v1/articles/${id}/schedule`).send({ publishAt }).expect(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', schedule: { publishAt } });
    await t
      .as('editor')
      .put(`/v1/articles/${id}/content`)
      .send({ ...sampleArticleContent, dek: 'x' })
      .expect(409);
    const unscheduled = await t.as('editor').post(`/v1/articles/${id}/unschedule`).expect(200);
    expect(unscheduled.body).toMatchObject({ status: 'verified', schedule: null });
  });

  test('related links: target must exist, no self link, no duplicate; unlink', async () => {
    const id = await articleIn(t, 'draft');
    const other = await articleIn(t, 'draft', { author: 'writer2' });
    await t.as('editor').post(`/v1/articles/${id}/related`).send({ relatedArticleId: id }).expect(400);
    await t.as('editor').post(`/v1/articles/${id}/related`).send({ relatedArticleId: '7e2d9a14-3b5c-4f61-8d27-c0a9e6b4f815' }).expect(400);
    const linked = await t.as('editor').post(`/v1/articles/${id}/related`).send({ relatedArticleId: other, afterBlock: 2 }).expect(200);
    expect(linked.body.related).toEqual([expect.objectContaining({ relatedArticleId: other, afterBlock: 2 })]);
    await t.as('editor').post(`/v1/articles/${id}/related`).send({ relatedArticleId: other }).expect(409);
    await t.as('writer').post(`/v1/articles/${id}/related`).send({ relatedArticleId: other }).expect(403);
    const unlinked = await t.as('editor').delete(`/v1/articles/${id}/related/${other}`).expect(200);
    expect(unlinked.body.related).toEqual([]);
    await t.as('editor').delete(`/v1/articles/${id}/related/${other}`).expect(404);
  });

  test('unpublish: withdraw needs a notice; takedown; unpublishing a draft is 409', async () => {
    const id = await articleIn(t, 'published');
    await t.as('editor').post(`/v1/articles/${id}/unpublish`).send({ mode: 'withdraw', reason: 'Hukum' }).expect(400);
    const gone = await t
      .as('editor')
      .post(`/v1/articles/${id}/unpublish`)
      .send({ mode: 'takedown', reason: 'Perintah pengadilan' })
      .expect(200);
    expect(gone.body).toMatchObject({ status: 'unpublished', live: null, unpublished: { mode: 'takedown' } });
    const draft = await articleIn(t, 'draft');
    const res = await t.as('editor').post(`/v1/articles/${draft}/unpublish`).send({ mode: 'takedown', reason: 'x' }).expect(409);
    expect(res.body.currentStatus).toBe('draft');
  });

  test('slugs are unique: a second article with the same headline gets a suffix, kept across updates', async () => {
    const content = { headline: 'Gempa Magnitudo 5,2 Guncang Lebak' };
    const first = await articleIn(t, 'published', { content });
    const second = await articleIn(t, 'published', { content });
    const a = await t.as('editor').get(`/v1/articles/${first}`).expect(200);
    const b = await t.as('editor').get(`/v1/articles/${second}`).expect(200);
    expect(a.body.slug).toBe('gempa-magnitudo-5-2-guncang-lebak');
    expect(b.body.slug).toBe('gempa-magnitudo-5-2-guncang-lebak-2');
    await t
      .as('editor')
      .put(`/v1/articles/${second}/content`)
      .send({ ...sampleArticleContent, headline: 'Judul Baru Sama Sekali' })
      .expect(200);
    await t.as('editor').post(`/v1/articles/${second}/submit`).expect(200);
    await t.as('editor2').post(`/v1/articles/${second}/verify`).send(VERIFY_BODY).expect(200);
    const updated = await t.as('editor').post(`/v1/articles/${second}/publish`).expect(200);
    expect(updated.body.live.slug).toBe('gempa-magnitudo-5-2-guncang-lebak-2');
  });
});
