import { sampleRevisedContent } from '../../src/articles/model/testing/sample-article.js';
import { type AuditedArticle, driveAuditedArticle } from '../support/audited-article.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
const MISSING = '3f1c2b7a-0000-4000-8000-000000000000';

/** The revisions a page lists, in order. */
function revisions(body: { items: { revision: number }[] }): number[] {
  return body.items.map((entry) => entry.revision);
}

/** Issue 4: history, point-in-time views and diffs over HTTP, on one realistic article. */
describe('audit: history, as-of and diff', () => {
  let t: TestApp;
  let article: AuditedArticle;
  let occurredAt: string[];
  beforeAll(async () => {
    t = await startTestApp({ scheduler: { enabled: false } });
    article = await driveAuditedArticle(t);
    const history = await t.as('auditor').get(`/v1/articles/${article.id}/history?limit=500`).expect(200);
    occurredAt = (history.body.items as { occurredAt: string }[]).map((entry) => entry.occurredAt);
  });
  afterAll(() => t.close());

  test('the history lists every event with revision, position, actor, time, ids, hashes and a summary', async () => {
    const res = await t.as('auditor').get(`/v1/articles/${article.id}/history`).expect(200);
    expect(res.body).toMatchObject({ articleId: article.id, latestRevision: 13, next: null });
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((entry) => entry.type)).toEqual([
      'ArticleDrafted',
      'ArticleSubmitted',
      'ArticleChangesRequested',
      'ArticleRevised',
      'ArticleSubmitted',
      'ArticleVerified',
      'ArticlePublished',
      'RelatedLinked',
      'ArticleRevised',
      'ArticleSubmitted',
      'ArticleVerified',
      'ArticleCorrected',
      'RelatedUnlinked',
      'ArticleUnpublished',
    ]);
    expect(items.map((entry) => entry.revision)).toEqual([...Array(14).keys()]);
    const positions = items.map((entry) => BigInt(entry.position as string));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(items[5]).toEqual({
      revision: 5,
      position: expect.stringMatching(/^\d+$/),
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'ArticleVerified',
      occurredAt: expect.stringMatching(/^\d{4}-/),
      recordedAt: expect.stringMatching(/^\d{4}-/),
      actor: { id: 'editor-ayu', displayName: 'Ayu Lestari', roles: ['editor'] },
      correlationId: expect.stringMatching(/\S/),
      causationId: expect.stringMatching(/\S/),
      commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      commandType: 'VerifyArticle',
      schemaVersion: 1,
      summary: 'Ayu Lestari verified revision 4 (sources checked, quotes attributed)',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      previousHash: items[4]!.hash,
    });
    expect(items[3]!.summary).toBe('Dimas Prasetyo revised the headline, body and sources');
    expect(items[10]!.summary).toBe('Bagus Santoso verified revision 9 (sources checked, quotes attributed): “Dicek ulang ke BPBD.”');
  });

  test('the history pages on revisions and filters by event type and actor', async () => {
    const url = `/v1/articles/${article.id}/history`;
    const first = await t.as('editor').get(`${url}?limit=5`).expect(200);
    expect(revisions(first.body)).toEqual([0, 1, 2, 3, 4]);
    expect(first.body.next).toBe(5);
    const second = await t
      .as('editor')
      .get(`${url}?limit=5&from=${first.body.next as number}`)
      .expect(200);
    expect(revisions(second.body)).toEqual([5, 6, 7, 8, 9]);
    const last = await t
      .as('editor')
      .get(`${url}?limit=5&from=${second.body.next as number}`)
      .expect(200);
    expect(last.body).toMatchObject({ next: null });
    expect(last.body.items).toHaveLength(4);

    const verified = await t.as('auditor').get(`${url}?type=ArticleVerified`).expect(200);
    expect(revisions(verified.body)).toEqual([5, 10]);
    const byBagus = await t.as('auditor').get(`${url}?actor=editor-bagus`).expect(200);
    expect(revisions(byBagus.body)).toEqual([10]);
    const several = await t
      .as('auditor')
      .get(`${url}?type=ArticlePublished,ArticleCorrected&type=ArticleUnpublished&actor=editor-ayu`)
      .expect(200);
    expect(revisions(several.body)).toEqual([6, 11, 13]);
    const paged = await t.as('auditor').get(`${url}?type=ArticleSubmitted&limit=2`).expect(200);
    expect(paged.body).toMatchObject({ items: [{ revision: 1 }, { revision: 4 }], next: 9 });

    const unknown = await t.as('auditor').get(`${url}?type=ArticleDeleted`).expect(400);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    await t.as('auditor').get(`${url}?limit=0`).expect(400);
  });

  test('auditors, editors and admins read the audit endpoints; writers and services do not', async () => {
    const paths = ['history', 'as-of?revision=0', 'diff?from=0&to=1', 'integrity', 'history/export'];
    for (const path of paths) {
      for (const who of ['auditor', 'editor', 'admin'] as const) await t.as(who).get(`/v1/articles/${article.id}/${path}`).expect(200);
      for (const who of ['writer', 'service'] as const) await t.as(who).get(`/v1/articles/${article.id}/${path}`).expect(403);
      await t.as('auditor').get(`/v1/articles/${MISSING}/${path}`).expect(404);
    }
  });

  test('as-of every revision is exactly the state the decider held at that revision', async () => {
    expect(article.states).toHaveLength(14);
    for (const [revision, state] of article.states.entries()) {
      const res = await t.as('auditor').get(`/v1/articles/${article.id}/as-of?revision=${revision}`).expect(200);
      expect(res.body).toMatchObject({
        articleId: article.id,
        asOf: { revision },
        revision,
        latestRevision: 13,
        occurredAt: occurredAt[revision],
      });
      expect(res.body.article).toEqual(state);
    }
    const current = await t.as('auditor').get(`/v1/articles/${article.id}`).expect(200);
    expect(current.body).toEqual(article.states[13]);
    const published = article.states[6]!;
    expect(published).toMatchObject({ status: 'published', live: { content: { headline: sampleRevisedContent.headline } } });
  });

  test('as-of an instant picks the last revision that occurred at or before it, at every boundary', async () => {
    for (const [revision, time] of occurredAt.entries()) {
      const exactly = await t
        .as('auditor')
        .get(`/v1/articles/${article.id}/as-of?at=${encodeURIComponent(time)}`)
        .expect(200);
      expect(exactly.body).toMatchObject({ asOf: { at: time }, revision });
      expect(exactly.body.article).toEqual(article.states[revision]);
      const justBefore = new Date(Date.parse(time) - 1).toISOString();
      const earlier = await t.as('auditor').get(`/v1/articles/${article.id}/as-of?at=${encodeURIComponent(justBefore)}`);
      if (revision === 0) {
        expect(earlier.status).toBe(404);
        expect(earlier.headers['content-type']).toMatch(PROBLEM);
        expect(earlier.body).toMatchObject({ type: 'https://redaksi.dev/problems/no-such-revision', createdAt: time, latestRevision: 13 });
        expect(earlier.body.detail).toContain('did not exist yet');
      } else {
        expect(earlier.status).toBe(200);
        expect(earlier.body.revision).toBe(revision - 1);
      }
    }
    // Between two events, in another zone: still the earlier one.
    const midway = new Date(Date.parse(occurredAt[6]!) + 30_000);
    const jakarta = new Date(midway.getTime() + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
    const res = await t
      .as('auditor')
      .get(`/v1/articles/${article.id}/as-of?at=${encodeURIComponent(jakarta)}`)
      .expect(200);
    expect(res.body.revision).toBe(6);
    const future = await t.as('auditor').get(`/v1/articles/${article.id}/as-of?at=2999-01-01T00:00:00Z`).expect(200);
    expect(future.body.revision).toBe(13);
  });

  test('as-of refuses what it cannot answer', async () => {
    const url = `/v1/articles/${article.id}/as-of`;
    expect((await t.as('auditor').get(`${url}?revision=14`).expect(404)).body).toMatchObject({ latestRevision: 13 });
    await t.as('auditor').get(url).expect(400);
    await t.as('auditor').get(`${url}?revision=1&at=2025-01-20T00:00:00Z`).expect(400);
    await t.as('auditor').get(`${url}?at=2025-01-20T08:00:00`).expect(400);
    await t.as('auditor').get(`${url}?revision=-1`).expect(400);
  });

  test('the diff between two revisions shows the revised headline, paragraph and source', async () => {
    const res = await t.as('auditor').get(`/v1/articles/${article.id}/diff?from=2&to=3`).expect(200);
    expect(res.body).toMatchObject({
      articleId: article.id,
      from: { revision: 2, occurredAt: occurredAt[2] },
      to: { revision: 3 },
      identical: false,
    });
    expect(Object.keys(res.body.content)).toEqual(['headline', 'body', 'sources']);
    expect(res.body.content.headline.words).toEqual([
      { op: 'equal', text: 'BPBD Tangsel Siagakan ' },
      { op: 'delete', text: '12' },
      { op: 'insert', text: '14' },
      { op: 'equal', text: ' Pompa Air Jelang Puncak Musim Hujan' },
    ]);
    expect(res.body.content.sources).toEqual({ added: [{ name: 'Pemerintah Provinsi Banten' }], removed: [], changed: [] });
    expect((res.body.content.body as { op: string }[]).filter((c) => c.op !== 'unchanged')).toEqual([
      expect.objectContaining({ op: 'changed', fromIndex: 2, toIndex: 2, type: 'paragraph' }),
    ]);
  });

  test('the diff shows links, status and the live copy; from may be later than to', async () => {
    const linked = await t.as('auditor').get(`/v1/articles/${article.id}/diff?from=6&to=7`).expect(200);
    expect(linked.body).toEqual({
      articleId: article.id,
      from: { revision: 6, occurredAt: occurredAt[6] },
      to: { revision: 7, occurredAt: occurredAt[7] },
      identical: false,
      content: {},
      related: { added: [{ relatedArticleId: article.relatedId, afterBlock: 1 }], removed: [], moved: [] },
    });
    const wholeLife = await t.as('auditor').get(`/v1/articles/${article.id}/diff?from=13&to=0`).expect(200);
    expect(wholeLife.body.status).toEqual({ before: 'unpublished', after: 'draft' });
    const corrected = await t.as('auditor').get(`/v1/articles/${article.id}/diff?from=10&to=11`).expect(200);
    expect(corrected.body.live.content.dek.words).toEqual([
      { op: 'equal', text: sampleRevisedContent.dek },
      { op: 'insert', text: ' Pompa tambahan berasal dari Pemprov Banten.' },
    ]);
    expect(corrected.body.corrections.added).toEqual([
      expect.objectContaining({ note: 'Versi sebelumnya tidak menyebut asal pompa tambahan.' }),
    ]);

    await t.as('auditor').get(`/v1/articles/${article.id}/diff?from=0&to=14`).expect(404);
    await t.as('auditor').get(`/v1/articles/${article.id}/diff?from=0`).expect(400);
  });
});
