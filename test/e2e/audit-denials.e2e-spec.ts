import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { articleIn, VERIFY_BODY } from '../support/article-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The revisions a page lists, in order. */
function revisions(body: { items: { revision: number }[] }): number[] {
  return body.items.map((entry) => entry.revision);
}

/** Issue 4: every command refused for authorization is recorded and listed for auditors. */
describe('audit: denied attempts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scheduler: { enabled: false } });
  });
  afterAll(() => t.close());

  test('wrong role, not the owner and four eyes are recorded with actor, command, article, reason and time, newest first', async () => {
    const draft = await articleIn(t, 'draft');
    const own = await articleIn(t, 'in_review', { author: 'editor' });

    const times: string[] = [];
    const attempt = async (send: () => Promise<unknown>) => {
      t.clock.advance(60_000);
      times.push(t.clock.now().toISOString());
      await send();
    };
    await attempt(() => t.as('writer2').put(`/v1/articles/${draft}/content`).send(sampleArticleContent).expect(403));
    await attempt(() => t.as('auditor').post(`/v1/articles/${own}/verify`).send(VERIFY_BODY).expect(403));
    await attempt(() =>
      t.as('editor').post(`/v1/articles/${own}/verify`).set('X-Correlation-Id', 'desk-run-7').send(VERIFY_BODY).expect(403),
    );
    // Refusals that are not about authorization are not denials.
    await t.as('editor').post(`/v1/articles/${draft}/publish`).expect(409);
    await t.as('editor').post(`/v1/articles/${draft}/request-changes`).send({ notes: ' ' }).expect(409);

    const res = await t.as('auditor').get('/v1/audit/denials').expect(200);
    expect(res.body.next).toBeNull();
    const items = res.body.items as Record<string, unknown>[];
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      revision: 2,
      at: expect.any(String),
      actor: { id: 'editor-ayu', displayName: 'Ayu Lestari', roles: ['editor'] },
      commandType: 'VerifyArticle',
      streamId: `article-${own}`,
      articleId: own,
      code: 'four_eyes',
      reason: 'The author of an article cannot verify it',
      commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlationId: 'desk-run-7',
    });
    expect(items[1]).toMatchObject({ actor: { id: 'auditor-hendra' }, commandType: 'VerifyArticle', articleId: own, code: 'forbidden' });
    expect(items[1]!.reason).toContain('may not VerifyArticle');
    expect(items[2]).toMatchObject({ actor: { id: 'writer-sari' }, commandType: 'ReviseArticle', articleId: draft, code: 'not_owner' });
    // The time the command was decided, on the app's clock (the clock is read just before deciding).
    for (const [index, item] of items.entries()) {
      const sent = Date.parse(times[2 - index]!);
      expect(Date.parse(item.at as string)).toBeGreaterThanOrEqual(sent);
      expect(Date.parse(item.at as string)).toBeLessThan(sent + 5_000);
    }
  });

  test('the list pages from newest to oldest', async () => {
    const first = await t.as('auditor').get('/v1/audit/denials?limit=2').expect(200);
    expect(revisions(first.body)).toEqual([2, 1]);
    expect(first.body.next).toBe(1);
    const rest = await t
      .as('auditor')
      .get(`/v1/audit/denials?limit=2&before=${first.body.next as number}`)
      .expect(200);
    expect(rest.body).toEqual({ items: [expect.objectContaining({ revision: 0, code: 'not_owner' })], next: null });
    await t.as('auditor').get('/v1/audit/denials?limit=0').expect(400);
    await t.as('auditor').get('/v1/audit/denials?cursor=x').expect(400);
  });

  test("?article= lists one article's denials", async () => {
    const all = await t.as('auditor').get('/v1/audit/denials').expect(200);
    const own = (all.body.items as { articleId: string; commandType: string }[]).find(
      (item) => item.commandType === 'VerifyArticle',
    )!.articleId;
    const res = await t.as('auditor').get(`/v1/audit/denials?article=${own}`).expect(200);
    expect(res.body.next).toBeNull();
    expect((res.body.items as { articleId: string; revision: number }[]).map((item) => [item.articleId, item.revision])).toEqual([
      [own, 2],
      [own, 1],
    ]);
    const unrefused = await articleIn(t, 'draft');
    expect((await t.as('auditor').get(`/v1/audit/denials?article=${unrefused}`).expect(200)).body).toEqual({ items: [], next: null });
    await t.as('auditor').get('/v1/audit/denials?article=not-a-uuid').expect(400);
  });

  test('only auditors list denials', async () => {
    for (const who of ['editor', 'admin', 'writer', 'service'] as const) await t.as(who).get('/v1/audit/denials').expect(403);
    await t.anonymous().get('/v1/audit/denials').expect(401);
    const after = await t.as('auditor').get('/v1/audit/denials').expect(200);
    expect(after.body.items).toHaveLength(3);
  });

  test('the denial stream is hash-chained like an article', async () => {
    const stream = await t.store.readStream('audit-denials');
    expect(stream.map((event) => event.type)).toEqual(['CommandDenied', 'CommandDenied', 'CommandDenied']);
    expect((stream[1]!.metadata as { previousHash: string }).previousHash).toBe((stream[0]!.metadata as { hash: string }).hash);
  });
});
