import { randomUUID } from 'node:crypto';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { articleIn, eventCount } from '../support/article-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP guarantees: concurrency, idempotency, input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('a stale If-Match is 412 and writes nothing', async () => {
    const id = await articleIn(t, 'draft');
    await t
      .as('writer')
      .put(`/v1/articles/${id}/content`)
      .set('If-Match', '"0"')
      .send({ ...sampleArticleContent, dek: 'Satu' })
      .expect(200);
    const before = await eventCount(t);
    const res = await t
      .as('writer')
      .put(`/v1/articles/${id}/content`)
      .set('If-Match', '"0"')
      .send({ ...sampleArticleContent, dek: 'Dua' })
      .expect(412);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
    expect(await eventCount(t)).toBe(before);
    const current = await t.as('writer').get(`/v1/articles/${id}`).expect(200);
    expect(current.headers.etag).toBe('"1"');
    expect(current.body.content.dek).toBe('Satu');
    await t.as('writer').get(`/v1/articles/${id}`).set('If-None-Match', '"1"').expect(304);
  });

  test('a malformed If-Match or Idempotency-Key is a 400, not ignored', async () => {
    const id = await articleIn(t, 'draft');
    await t.as('writer').post(`/v1/articles/${id}/submit`).set('If-Match', 'yesterday').expect(400);
    await t.as('writer').post(`/v1/articles/${id}/submit`).set('Idempotency-Key', 'a'.repeat(300)).expect(400);
  });

  test('two concurrent revisions at the same revision: one wins, the other 412; no lost update', async () => {
    const id = await articleIn(t, 'draft');
    const [a, b] = await Promise.all(
      ['Versi A', 'Versi B'].map((dek) =>
        t
          .as('writer')
          .put(`/v1/articles/${id}/content`)
          .set('If-Match', '"0"')
          .send({ ...sampleArticleContent, dek }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
    const winner = a!.status === 200 ? 'Versi A' : 'Versi B';
    const stream = await t.store.readStream(`article-${id}`);
    expect(stream).toHaveLength(2);
    expect((stream[1]!.data as { content: { dek: string } }).content.dek).toBe(winner);
  });

  test('concurrent commands without If-Match: each is decided on what it read, a loser gets 409', async () => {
    const id = await articleIn(t, 'draft');
    const results = await Promise.all(
      ['Satu', 'Dua', 'Tiga', 'Empat'].map((dek) =>
        t
          .as('writer')
          .put(`/v1/articles/${id}/content`)
          .send({ ...sampleArticleContent, dek }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const stream = await t.store.readStream(`article-${id}`);
    expect(stream).toHaveLength(1 + statuses.filter((s) => s === 200).length);
  });

  test('a repeated Idempotency-Key writes once and answers the same', async () => {
    const first = await t.as('writer').post('/v1/articles').set('Idempotency-Key', 'draft-banjir-1').send(sampleArticleContent).expect(201);
    const before = await eventCount(t);
    const again = await t.as('writer').post('/v1/articles').set('Idempotency-Key', 'draft-banjir-1').send(sampleArticleContent).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['x-event-position']).toBe(first.headers['x-event-position']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount(t)).toBe(before);

    const id = first.body.id as string;
    const submit = () => t.as('writer').post(`/v1/articles/${id}/submit`).set('Idempotency-Key', 'submit-1');
    const [s1, s2] = await Promise.all([submit(), submit()]);
    expect([s1.status, s2.status]).toEqual([200, 200]);
    expect(s1.body).toEqual(s2.body);
    expect(await t.store.readStream(`article-${id}`)).toHaveLength(2);
    await submit().expect(200);
    expect(await t.store.readStream(`article-${id}`)).toHaveLength(2);
  });

  test('the same Idempotency-Key with a different request is refused (422) and writes nothing', async () => {
    await t.as('writer').post('/v1/articles').set('Idempotency-Key', 'draft-2').send(sampleArticleContent).expect(201);
    const before = await eventCount(t);
    const res = await t
      .as('writer')
      .post('/v1/articles')
      .set('Idempotency-Key', 'draft-2')
      .send({ ...sampleArticleContent, headline: 'Lain' })
      .expect(422);
    expect(res.body.type).toBe('https://redaksi.dev/problems/idempotency-key-reused');
    expect(await eventCount(t)).toBe(before);
    // Keys are per principal: another writer's identical key is a different command.
    await t.as('writer2').post('/v1/articles').set('Idempotency-Key', 'draft-2').send(sampleArticleContent).expect(201);
  });

  test('one Idempotency-Key on two articles by the same writer: both are written, with different event ids', async () => {
    const [a, b] = [await articleIn(t, 'draft'), await articleIn(t, 'draft')];
    const submit = (id: string) => t.as('writer').post(`/v1/articles/${id}/submit`).set('Idempotency-Key', 'kirim-ke-desk');
    const first = await submit(a).expect(200);
    const second = await submit(b).expect(200);
    expect([first.body.status, second.body.status]).toEqual(['in_review', 'in_review']);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const [streamA, streamB] = await Promise.all([t.store.readStream(`article-${a}`), t.store.readStream(`article-${b}`)]);
    expect([streamA[1]!.type, streamB[1]!.type]).toEqual(['ArticleSubmitted', 'ArticleSubmitted']);
    // Same principal and key, so the same command id: only the stream keeps the event ids apart.
    expect((streamA[1]!.metadata as { commandId: string }).commandId).toBe((streamB[1]!.metadata as { commandId: string }).commandId);
    expect(streamA[1]!.id).not.toBe(streamB[1]!.id);
    // Still once per article: the retry on b is answered from b's stream.
    const retry = await submit(b).expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['x-event-position']).toBe(second.headers['x-event-position']);
    expect(await t.store.readStream(`article-${b}`)).toHaveLength(2);
  });

  test('a conditional GET is 304 with the ETag and no body whenever If-None-Match names the current ETag', async () => {
    const id = await articleIn(t, 'draft');
    const read = (ifNoneMatch: string) => t.as('writer').get(`/v1/articles/${id}`).set('If-None-Match', ifNoneMatch);
    // Weak comparison, lists and `*` (RFC 9110 §13.1.2); a client's `no-cache` is for caches, not for this server.
    for (const current of [read('"0"'), read('W/"0"'), read('"7", "0"'), read('*'), read('"0"').set('Cache-Control', 'no-cache')]) {
      const res = await current.expect(304);
      expect(res.headers.etag).toBe('"0"');
      expect(res.headers['x-event-position']).toMatch(/^\d+$/);
      expect(res.text ?? '').toBe('');
    }
    const stale = await read('"1", W/"2"').expect(200);
    expect(stale.headers.etag).toBe('"0"');
    expect(stale.body).toMatchObject({ id, revision: 0, status: 'draft' });
    // The precondition never hides a refusal.
    await t.as('writer2').get(`/v1/articles/${id}`).set('If-None-Match', '"0"').expect(403);
    await t.as('writer').get(`/v1/articles/${randomUUID()}`).set('If-None-Match', '*').expect(404);
  });

  describe('bad input gets a clear problem and changes nothing', () => {
    let before = 0;
    beforeEach(async () => {
      before = await eventCount(t);
    });
    afterEach(async () => {
      expect(await eventCount(t)).toBe(before);
    });

    test('unknown field → 400 naming it', async () => {
      const res = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, author: 'someone' })
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(JSON.stringify(res.body.errors)).toContain('author');
    });

    test('unknown field inside a block → 400 naming the path', async () => {
      const body = [...sampleArticleContent.body, { type: 'paragraph', text: 'x', color: 'red' }];
      const res = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, body })
        .expect(400);
      expect(JSON.stringify(res.body.errors)).toMatch(/body.*8.*color/);
    });

    test('wrong types → 400', async () => {
      const res = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, headline: 42, topics: 'Banjir' })
        .expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['headline', 'topics']));
    });

    test('a quote without attribution, an attribution on a paragraph → 400', async () => {
      const body = [
        { type: 'quote', text: 'Tanpa nama' },
        { type: 'paragraph', text: 'x', attribution: 'Budi' },
      ];
      const res = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, body })
        .expect(400);
      const text = JSON.stringify(res.body.errors);
      expect(text).toContain('body[0].attribution');
      expect(text).toContain('body[1].attribution');
    });

    test('over a length limit → 400', async () => {
      await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, headline: 'x'.repeat(201) })
        .expect(400);
      await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, topics: Array.from({ length: 21 }, (_, i) => `t${i}`) })
        .expect(400);
    });

    test('malformed JSON → 400 problem', async () => {
      const res = await t.as('writer').post('/v1/articles').set('Content-Type', 'application/json').send('{"headline": "x",').expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    test('an oversized body → 413 problem', async () => {
      const huge = { ...sampleArticleContent, body: [{ type: 'paragraph', text: 'x'.repeat(1_200_000) }] };
      const res = await t.as('writer').post('/v1/articles').send(huge).expect(413);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    test('a body nested thousands of levels deep → 400, not a stack overflow', async () => {
      const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
      const res = await t.as('writer').post('/v1/articles').set('Content-Type', 'application/json').send(deep).expect(400);
      expect(res.body.type).toBe('https://redaksi.dev/problems/too-deeply-nested');
      const id = await articleIn(t, 'in_review');
      before = await eventCount(t);
      await t.as('editor').post(`/v1/articles/${id}/verify`).set('Content-Type', 'application/json').send(deep).expect(400);
    });

    test('a body that is not JSON → 415', async () => {
      await t.as('writer').post('/v1/articles').set('Content-Type', 'text/plain').send('headline=x').expect(415);
    });

    test('verify with an incomplete checklist → 400', async () => {
      const id = await articleIn(t, 'in_review');
      before = await eventCount(t);
      await t
        .as('editor')
        .post(`/v1/articles/${id}/verify`)
        .send({ checklist: { sourcesChecked: true } })
        .expect(400);
      const res = await t
        .as('editor')
        .post(`/v1/articles/${id}/verify`)
        .send({ checklist: { sourcesChecked: true, quotesAttributed: false } })
        .expect(400);
      expect(res.body.code).toBe('invalid');
    });
  });
});
