import { sampleArticleContent, sampleRevisedContent } from '../../src/articles/model/testing/sample-article.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { expectedEventMetadata } from '../support/event-metadata-expectation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface StoreSetup {
  /** Extra environment for the app, e.g. EVENTSTORE_CONNECTION_STRING. */
  env(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

const embedded = (): StoreSetup => ({ env: () => Promise.resolve({}), stop: () => Promise.resolve() });

/** The app configured for EventStoreDB, talking gRPC to the test-only server (SQLite behind it). */
function overEventStoreDbProtocol(): StoreSetup {
  const backing = SqliteEventStore.open({ path: ':memory:' });
  let server: EsdbTestServer | undefined;
  return {
    env: async () => {
      server = await EsdbTestServer.start(backing);
      return { EVENTSTORE_CONNECTION_STRING: server.connectionString };
    },
    stop: async () => {
      await server?.stop();
      await backing.close();
    },
  };
}

/**
 * A realistic Indonesian article goes through the whole workflow over real HTTP, on the
 * embedded store and on the EventStoreDB adapter; then its stream must hold exactly the
 * expected events and metadata.
 */
describe.each([
  ['the embedded store', embedded],
  ['EventStoreDB (gRPC test server)', overEventStoreDbProtocol],
])('article workflow over HTTP on %s', (_name, setup) => {
  let t: TestApp;
  let storeSetup: StoreSetup;
  beforeAll(async () => {
    storeSetup = setup();
    t = await startTestApp({ env: await storeSetup.env() });
  });
  afterAll(async () => {
    await t.close();
    await storeSetup.stop();
  });

  test('draft → … → correct → unpublish writes exactly the expected events', async () => {
    const created = await t.as('writer').post('/v1/articles').send(sampleArticleContent).expect(201);
    const id = created.body.id as string;
    expect(created.headers.location).toBe(`/v1/articles/${id}`);
    expect(created.headers.etag).toBe('"0"');
    expect(created.body).toMatchObject({ status: 'draft', revision: 0, live: null, content: { headline: sampleArticleContent.headline } });

    const related = await t
      .as('writer2')
      .post('/v1/articles')
      .send({ ...sampleArticleContent, headline: 'Banjir Rendam Ratusan Rumah di Pondok Aren' })
      .expect(201);

    await t.as('writer').post(`/v1/articles/${id}/submit`).expect(200);
    const sentBack = await t
      .as('editor')
      .post(`/v1/articles/${id}/request-changes`)
      .send({ notes: 'Tambahkan jumlah pompa terbaru dan sumbernya.' })
      .expect(200);
    expect(sentBack.body.status).toBe('draft');
    expect(sentBack.body.editorNotes).toEqual([expect.objectContaining({ notes: 'Tambahkan jumlah pompa terbaru dan sumbernya.' })]);

    await t.as('writer').put(`/v1/articles/${id}/content`).set('If-Match', '"2"').send(sampleRevisedContent).expect(200);
    await t.as('writer').post(`/v1/articles/${id}/submit`).expect(200);
    const verified = await t
      .as('editor')
      .post(`/v1/articles/${id}/verify`)
      .send({ checklist: { sourcesChecked: true, quotesAttributed: true } })
      .expect(200);
    expect(verified.body.status).toBe('verified');

    const published = await t.as('editor').post(`/v1/articles/${id}/publish`).expect(200);
    expect(published.body).toMatchObject({
      status: 'published',
      slug: 'bpbd-tangsel-siagakan-14-pompa-air-jelang-puncak-musim-hujan',
      live: { content: { headline: sampleRevisedContent.headline }, editorName: t.principals.editor.displayName },
    });
    expect(Number(published.headers['x-event-position'])).toBeGreaterThan(0);

    await t.as('editor').post(`/v1/articles/${id}/related`).send({ relatedArticleId: related.body.id, afterBlock: 1 }).expect(200);

    const fixedHeadline = { ...sampleRevisedContent, dek: `${sampleRevisedContent.dek} Pompa tambahan berasal dari Pemprov Banten.` };
    const revised = await t.as('editor').put(`/v1/articles/${id}/content`).send(fixedHeadline).expect(200);
    expect(revised.body).toMatchObject({ status: 'draft', live: { content: { dek: sampleRevisedContent.dek } } });
    await t
      .as('editor2')
      .post(`/v1/articles/${id}/verify`)
      .send({ checklist: { sourcesChecked: true, quotesAttributed: true }, notes: 'Dicek ulang ke BPBD.' })
      .expect(409);
    await t.as('editor').post(`/v1/articles/${id}/submit`).expect(200);
    await t
      .as('editor2')
      .post(`/v1/articles/${id}/verify`)
      .send({ checklist: { sourcesChecked: true, quotesAttributed: true }, notes: 'Dicek ulang ke BPBD.' })
      .expect(200);
    const corrected = await t
      .as('editor')
      .post(`/v1/articles/${id}/correct`)
      .send({ note: 'Versi sebelumnya tidak menyebut asal pompa tambahan.' })
      .expect(200);
    expect(corrected.body).toMatchObject({ status: 'published', live: { content: { dek: fixedHeadline.dek } } });
    expect(corrected.body.corrections).toEqual([expect.objectContaining({ note: 'Versi sebelumnya tidak menyebut asal pompa tambahan.' })]);

    const unpublished = await t
      .as('editor')
      .post(`/v1/articles/${id}/unpublish`)
      .send({ mode: 'withdraw', reason: 'Permintaan narasumber', notice: 'Artikel ini ditarik atas permintaan narasumber.' })
      .expect(200);
    expect(unpublished.body).toMatchObject({ status: 'unpublished', live: null, unpublished: { mode: 'withdraw' } });

    const stream = await t.store.readStream(`article-${id}`);
    expect(stream.map((event) => event.type)).toEqual([
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
      'ArticleUnpublished',
    ]);
    expect(stream.map((event) => Number(event.revision))).toEqual(stream.map((_, index) => index));
    const actors = stream.map((event) => (event.metadata as { actor: { id: string } }).actor.id);
    expect(actors).toEqual(
      [
        'writer',
        'writer',
        'editor',
        'writer',
        'writer',
        'editor',
        'editor',
        'editor',
        'editor',
        'editor',
        'editor2',
        'editor',
        'editor',
      ].map((who) => t.principals[who as keyof typeof t.principals].principalId),
    );
    for (const event of stream) {
      expect(event.metadata).toEqual(expectedEventMetadata());
    }
    const published7 = stream[6]!;
    expect(published7.data).toMatchObject({ kind: 'first', slug: 'bpbd-tangsel-siagakan-14-pompa-air-jelang-puncak-musim-hujan' });
    expect(stream[11]!.data).toMatchObject({ note: 'Versi sebelumnya tidak menyebut asal pompa tambahan.' });
  });

  test('the correlation id of the request reaches the event metadata', async () => {
    const created = await t.as('writer').post('/v1/articles').set('X-Correlation-Id', 'desk-run-42').send(sampleArticleContent).expect(201);
    const [drafted] = await t.store.readStream(`article-${created.body.id as string}`);
    expect(drafted!.metadata).toMatchObject({ $correlationId: 'desk-run-42' });
  });
});
