import { sampleArticleContent, sampleRevisedContent } from '../../src/articles/model/testing/sample-article.js';
import type { ArticleContent } from '../../src/articles/model/content.js';
import { ALL_PROJECTIONS } from '../../src/read-models/all-projections.js';
import { rebuildProjection } from '../../src/platform/projections/rebuild.js';
import { COMMUNITY_DISCLAIMER } from '../../src/read-models/live-site/published-view.js';
import { VERIFY_BODY } from '../support/article-fixtures.js';
import { dumpReadModels, openReadModelFile } from '../support/read-model-dump.js';
import { startTestApp, type TestApp, type Who } from '../support/test-app.js';

const floodContent: ArticleContent = {
  headline: 'Banjir Rendam Ratusan Rumah di Pondok Aren',
  dek: 'Hujan deras sejak Minggu dini hari membuat Kali Angke meluap; warga mengungsi ke masjid dan sekolah terdekat.',
  dateline: 'Tangerang Selatan, IDN Times',
  language: 'id',
  body: [
    { type: 'paragraph', text: 'Ratusan rumah di Kecamatan Pondok Aren terendam banjir setinggi satu meter pada Minggu (19/1/2025).' },
    {
      type: 'quote',
      text: 'Air naik cepat sekali, kami hanya sempat menyelamatkan dokumen.',
      attribution: 'Siti Aminah',
      role: 'Warga Pondok Kacang Timur',
    },
    { type: 'paragraph', text: 'BPBD mendirikan dapur umum di dua titik pengungsian.' },
  ],
  sources: [{ name: 'BPBD Kota Tangerang Selatan' }],
  topics: ['Banjir', 'Pondok Aren'],
};

const tollDraft: ArticleContent = {
  ...floodContent,
  headline: 'Rencana Tol Serpong–Balaraja Masuk Tahap Pembebasan Lahan',
  topics: ['Infrastruktur'],
};

const electionContent: ArticleContent = {
  ...floodContent,
  headline: 'KPU Tangsel Mulai Rekrut Petugas Ad Hoc',
  body: [{ type: 'paragraph', text: 'KPU membuka pendaftaran petugas ad hoc mulai Senin.' }],
  topics: ['Politik'],
};

/** What the read endpoints answer, loosely: a page of items or an article with its body. */
interface ReadBody {
  readonly [member: string]: unknown;
  readonly items: { readonly id: string; readonly [member: string]: unknown }[];
  readonly nextCursor: string | null;
  readonly body: { readonly type: string; readonly articles?: unknown }[];
}

/**
 * A newsroom day over real HTTP on the embedded store, with the projections running in the API: every read
 * model must then hold exactly what the desk and the live site expect, and rebuilding them from the log
 * must give the same rows.
 */
describe('read models after a newsroom workflow', () => {
  let t: TestApp;
  let position = '0';
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string> = { a: '', b: '', c: '', d: '', e: '', f: '' };
  const firstPublished: Record<string, string> = {};
  const lastPublished: Record<string, string> = {};

  /** A command; remembers its X-Event-Position for the next read. */
  async function command(who: Who, method: 'post' | 'put', url: string, body?: object): Promise<Record<string, unknown>> {
    const agent = t.as(who);
    const response = await agent[method](url).send(body ?? {});
    if (response.status >= 300) throw new Error(`${method} ${url} → ${response.status}: ${JSON.stringify(response.body)}`);
    position = response.headers['x-event-position'] as string;
    return response.body as Record<string, unknown>;
  }

  /** A read that waits for the last command and checks that it was reflected. */
  async function read(who: Who, url: string, status = 200): Promise<ReadBody> {
    const response = await t.as(who).get(`${url}${url.includes('?') ? '&' : '?'}waitFor=${position}`);
    expect([url, response.status]).toEqual([url, status]);
    expect(response.headers['x-read-model-caught-up']).toBe('true');
    return response.body as ReadBody;
  }

  async function draft(who: Who, content: ArticleContent): Promise<string> {
    return (await command(who, 'post', '/v1/articles', content)).id as string;
  }

  async function throughReview(id: string, author: Who, verifier: Who = 'editor'): Promise<void> {
    await command(author, 'post', `/v1/articles/${id}/submit`);
    await command(verifier, 'post', `/v1/articles/${id}/verify`, VERIFY_BODY);
  }

  async function publish(id: string, editor: Who = 'editor'): Promise<void> {
    t.clock.advance(60_000); // a minute between publications: the latest-news order is the order they went out
    const body = await command(editor, 'post', `/v1/articles/${id}/publish`);
    lastPublished[id] = (body.live as { publishedAt: string }).publishedAt;
    firstPublished[id] ??= lastPublished[id];
  }

  beforeAll(async () => {
    t = await startTestApp();

    // The writers' profiles: Dimas is a community contributor with a public contact, Sari is staff.
    await command('writer', 'put', '/v1/contributors/writer-dimas/profile', {
      displayName: 'Dimas P.',
      bio: 'Warga Pondok Aren.',
      publicContact: '@dimasprasetyo',
    });
    await command('editor', 'put', '/v1/contributors/writer-sari/profile', {
      displayName: 'Sari Wulandari',
      bio: 'Redaktur kota.',
      community: false,
    });
    await command('editor', 'post', '/v1/contributors/writer-dimas/verify');

    ids.a = await draft('writer', sampleArticleContent);
    await throughReview(ids.a, 'writer');
    await publish(ids.a);
    ids.b = await draft('writer2', floodContent);
    await throughReview(ids.b, 'writer2', 'editor2');
    await publish(ids.b, 'editor2');
    ids.c = await draft('writer', tollDraft);
    ids.d = await draft('writer2', { ...floodContent, headline: 'Warga Pondok Aren Gotong Royong Bersihkan Lumpur' });
    await command('writer2', 'post', `/v1/articles/${ids.d}/submit`);
    await command('editor', 'post', `/v1/articles/${ids.d}/request-changes`, { notes: 'Sebutkan jumlah relawan dan sumbernya.' });
    ids.e = await draft('writer', { ...floodContent, headline: 'Jadwal Pengerukan Kali Angke Diumumkan' });
    await throughReview(ids.e, 'writer');
    await command('editor', 'post', `/v1/articles/${ids.e}/schedule`, {
      publishAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    ids.f = await draft('writer2', electionContent);
    await throughReview(ids.f, 'writer2');
    await publish(ids.f);

    // "Baca Juga" both ways.
    await command('editor', 'post', `/v1/articles/${ids.a}/related`, { relatedArticleId: ids.b, afterBlock: 1 });
    await command('editor2', 'post', `/v1/articles/${ids.b}/related`, { relatedArticleId: ids.a });
  });

  afterAll(async () => {
    await t.close();
  });

  test('the live site shows what was published, with byline, badge and "Baca Juga"', async () => {
    const a = await read('service', `/v1/published/by-id/${ids.a}`);
    expect(a).toMatchObject({
      headline: sampleArticleContent.headline,
      byline: { name: 'Dimas P.', verifiedWriter: true, publicContact: '@dimasprasetyo' },
    });
    expect(a.communityContent).toBe(true);
    expect(a.disclaimer).toBe(COMMUNITY_DISCLAIMER);
    expect(a.body[2]).toEqual({
      type: 'related',
      label: 'Baca Juga',
      articles: [{ id: ids.b, slug: 'banjir-rendam-ratusan-rumah-di-pondok-aren', headline: floodContent.headline }],
    });
    const b = await read('writer', '/v1/published/banjir-rendam-ratusan-rumah-di-pondok-aren');
    expect(b.body.at(-1)).toEqual({
      type: 'related',
      label: 'Baca Juga',
      articles: [{ id: ids.a, slug: a.slug, headline: sampleArticleContent.headline }],
    });
    expect(b).toMatchObject({
      byline: { name: 'Sari Wulandari', verifiedWriter: false, publicContact: null },
      communityContent: false,
      disclaimer: null,
      editor: { name: 'Bagus Santoso' },
    });
  });

  test('an unverified revision of a live article stays off the site until it is verified and published', async () => {
    await command('editor', 'put', `/v1/articles/${ids.a}/content`, sampleRevisedContent);
    expect((await read('service', `/v1/published/by-id/${ids.a}`)).headline).toBe(sampleArticleContent.headline);
    const pending = await read('editor', '/v1/desk?status=pending_changes');
    expect(pending.items.map((item) => item.id)).toEqual([ids.a]);
    expect(pending.items[0]).toMatchObject({
      status: 'draft',
      pendingChanges: true,
      headline: sampleRevisedContent.headline,
      live: { slug: expect.any(String) },
    });

    await throughReview(ids.a, 'editor', 'editor2');
    await command('editor', 'post', `/v1/articles/${ids.a}/publish`);
    expect((await read('service', `/v1/published/by-id/${ids.a}`)).headline).toBe(sampleRevisedContent.headline);
    // B's link follows A's live headline.
    const b = await read('service', `/v1/published/by-id/${ids.b}`);
    expect(b.body.at(-1)?.articles).toEqual([
      { id: ids.a, slug: 'bpbd-tangsel-siagakan-12-pompa-air-jelang-puncak-musim-hujan', headline: sampleRevisedContent.headline },
    ]);
  });

  test('a correction shows its public notice; a link to a withdrawn article disappears and comes back on republication', async () => {
    const corrected = { ...floodContent, dek: `${floodContent.dek} Dua titik pengungsian dibuka di Pondok Kacang.` };
    await command('editor', 'put', `/v1/articles/${ids.b}/content`, corrected);
    await throughReview(ids.b, 'editor', 'editor2');
    await command('editor', 'post', `/v1/articles/${ids.b}/correct`, { note: 'Versi sebelumnya tidak menyebut lokasi pengungsian.' });
    const b = await read('service', `/v1/published/by-id/${ids.b}`);
    expect(b.dek).toBe(corrected.dek);
    expect(b.corrections).toEqual([{ note: 'Versi sebelumnya tidak menyebut lokasi pengungsian.', correctedAt: expect.any(String) }]);

    await command('editor', 'post', `/v1/articles/${ids.b}/unpublish`, {
      mode: 'withdraw',
      reason: 'Verifikasi ulang data korban',
      notice: 'Artikel ini ditarik sementara untuk verifikasi ulang.',
    });
    const withdrawn = await read('service', `/v1/published/${b.slug as string}`);
    expect(withdrawn).toEqual({
      id: ids.b,
      slug: b.slug,
      status: 'withdrawn',
      notice: 'Artikel ini ditarik sementara untuk verifikasi ulang.',
      withdrawnAt: expect.any(String),
    });
    const a = await read('service', `/v1/published/by-id/${ids.a}`);
    expect(a.body.filter((block) => block.type === 'related')).toEqual([]);

    // Reopened by sending it back, reviewed again, republished.
    await command('editor', 'post', `/v1/articles/${ids.b}/request-changes`, { notes: 'Cek ulang jumlah rumah terendam.' });
    await throughReview(ids.b, 'editor', 'editor2');
    await publish(ids.b);
    const back = await read('service', `/v1/published/by-id/${ids.a}`);
    expect(back.body[2]).toEqual({
      type: 'related',
      label: 'Baca Juga',
      articles: [{ id: ids.b, slug: b.slug, headline: floodContent.headline }],
    });
  });

  test('a taken-down article is gone; drafts, articles in review and scheduled ones were never there', async () => {
    const f = await read('service', `/v1/published/by-id/${ids.f}`);
    await command('editor', 'post', `/v1/articles/${ids.f}/unpublish`, { mode: 'takedown', reason: 'Perintah pengadilan' });
    const gone = await t.as('service').get(`/v1/published/${f.slug as string}?waitFor=${position}`);
    expect(gone.status).toBe(410);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gone.body).toMatchObject({ status: 410, type: 'https://redaksi.dev/problems/gone' });
    for (const id of [ids.c, ids.d, ids.e]) await read('service', `/v1/published/by-id/${id}`, 404);
  });

  test('the final state, exactly: live pages, latest news, desk queues', async () => {
    // Once more: a revision in progress on A, and Dimas loses his badge.
    await command('editor', 'put', `/v1/articles/${ids.a}/content`, {
      ...sampleRevisedContent,
      headline: 'Judul Sementara Belum Diverifikasi',
    });
    await command('editor2', 'post', '/v1/contributors/writer-dimas/revoke-verification', { reason: 'Kontak publik tidak bisa dihubungi' });

    const articleA = (await t.as('editor').get(`/v1/articles/${ids.a}`).expect(200)).body;
    const a = await read('service', '/v1/published/bpbd-tangsel-siagakan-12-pompa-air-jelang-puncak-musim-hujan');
    expect(a).toEqual({
      id: ids.a,
      slug: 'bpbd-tangsel-siagakan-12-pompa-air-jelang-puncak-musim-hujan',
      status: 'published',
      headline: sampleRevisedContent.headline,
      dek: sampleRevisedContent.dek,
      dateline: sampleRevisedContent.dateline,
      language: 'id',
      body: [
        ...sampleRevisedContent.body.slice(0, 2),
        {
          type: 'related',
          label: 'Baca Juga',
          articles: [{ id: ids.b, slug: 'banjir-rendam-ratusan-rumah-di-pondok-aren', headline: floodContent.headline }],
        },
        ...sampleRevisedContent.body.slice(2),
      ],
      sources: sampleRevisedContent.sources,
      topics: sampleRevisedContent.topics,
      byline: { contributorId: 'writer-dimas', name: 'Dimas P.', verifiedWriter: false, publicContact: '@dimasprasetyo' },
      communityContent: true,
      disclaimer: COMMUNITY_DISCLAIMER,
      editor: { name: 'Ayu Lestari' },
      firstPublishedAt: firstPublished[ids.a],
      publishedAt: articleA.live.publishedAt,
      corrections: [],
    });
    expect(await read('editor', `/v1/published/by-id/${ids.a}`)).toEqual(a);

    const latest = await read('service', '/v1/published');
    expect(latest.items.map((item) => item.id)).toEqual([ids.b, ids.a]);
    expect(latest.items[0]).toEqual({
      id: ids.b,
      slug: 'banjir-rendam-ratusan-rumah-di-pondok-aren',
      headline: floodContent.headline,
      dek: expect.stringContaining('Dua titik pengungsian'),
      topics: floodContent.topics,
      byline: { name: 'Sari Wulandari' },
      firstPublishedAt: firstPublished[ids.b],
      publishedAt: lastPublished[ids.b],
    });
    expect((await read('service', '/v1/published?topic=pondok%20aren')).items.map((item) => item.id)).toEqual([ids.b]);
    expect((await read('service', '/v1/published?topic=politik')).items).toEqual([]);
    const first = await read('service', '/v1/published?limit=1&topic=Banjir');
    expect(first.items.map((item) => item.id)).toEqual([ids.b]);
    const second = await read('service', `/v1/published?limit=1&topic=Banjir&cursor=${first.nextCursor as string}`);
    expect([second.items.map((item) => item.id), second.nextCursor]).toEqual([[ids.a], null]);

    const desk = await read('editor', '/v1/desk?limit=100');
    expect(desk.items).toHaveLength(6);
    for (const item of desk.items) {
      const state = (await t.as('editor').get(`/v1/articles/${item.id}`).expect(200)).body;
      expect([item.id, item.status, item.revision]).toEqual([item.id, state.status, state.revision]);
    }
    const queue = async (query: string): Promise<string[]> => (await read('editor', `/v1/desk?${query}`)).items.map((item) => item.id);
    expect(new Set(await queue('status=draft'))).toEqual(new Set([ids.a, ids.c, ids.d]));
    expect(await queue('status=pending_changes')).toEqual([ids.a]);
    expect(await queue('status=published')).toEqual([ids.b]);
    expect(await queue('status=unpublished')).toEqual([ids.f]);
    expect(await queue('status=in_review')).toEqual([]);
    expect(new Set(await queue('topic=banjir'))).toEqual(new Set([ids.a, ids.b, ids.d, ids.e]));
    expect(new Set(await queue('author=writer-sari'))).toEqual(new Set([ids.b, ids.d, ids.f]));

    const scheduled = await read('editor', '/v1/desk?status=scheduled');
    expect(scheduled.items).toEqual([
      expect.objectContaining({ id: ids.e, status: 'scheduled', schedule: { publishAt: expect.any(String), by: 'Ayu Lestari' } }),
    ]);
    const mine = await read('writer2', '/v1/desk/mine?status=draft');
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: ids.d,
        editorNotes: [{ notes: 'Sebutkan jumlah relawan dan sumbernya.', by: 'Ayu Lestari', at: expect.any(String) }],
      }),
    ]);
    expect(new Set((await read('writer', '/v1/desk')).items.map((item) => item.id))).toEqual(new Set([ids.a, ids.c, ids.e]));
    await t.as('writer').get('/v1/desk?author=writer-sari').expect(403);
    await t.as('service').get('/v1/desk').expect(403);
    const page1 = await read('auditor', '/v1/desk?limit=4');
    const page2 = await read('auditor', `/v1/desk?limit=4&cursor=${page1.nextCursor as string}`);
    expect([...page1.items, ...page2.items].map((item) => item.id).sort()).toEqual(Object.values(ids).sort());
    expect(page2.nextCursor).toBeNull();
  });

  test('the publishing model holds only live copies: no draft or unverified revision anywhere in it', async () => {
    await read('service', '/v1/published');
    const db = openReadModelFile(t.dataDir);
    try {
      const { publishing } = dumpReadModels(db, ALL_PROJECTIONS);
      const rows = publishing!.articles as { article_id: string; state: string; content: string | null }[];
      expect(rows.map((row) => [row.article_id, row.state]).sort()).toEqual(
        [
          [ids.a, 'published'],
          [ids.b, 'published'],
          [ids.f, 'taken_down'],
        ].sort(),
      );
      for (const row of rows.filter((r) => r.state === 'published')) {
        const state = (await t.as('editor').get(`/v1/articles/${row.article_id}`).expect(200)).body;
        expect(JSON.parse(row.content!)).toEqual(state.live.content);
      }
      const everything = JSON.stringify(publishing);
      for (const unpublishedText of [
        'Judul Sementara Belum Diverifikasi',
        tollDraft.headline,
        'Gotong Royong',
        'Pengerukan',
        electionContent.headline,
      ]) {
        expect(everything).not.toContain(unpublishedText);
      }
    } finally {
      db.close();
    }
  });

  test('rebuilding every read model from the log gives the same rows, and the API moves to the rebuilt ones', async () => {
    await read('service', '/v1/published');
    const db = openReadModelFile(t.dataDir);
    try {
      const incremental = dumpReadModels(db, ALL_PROJECTIONS);
      const generationsBefore = (await t.anonymous().get('/health')).body.checks.projections.details;
      for (const projection of ALL_PROJECTIONS) {
        const summary = await rebuildProjection({ store: t.store, db, projection });
        expect(summary.events).toBeGreaterThan(0);
      }
      expect(dumpReadModels(db, ALL_PROJECTIONS)).toEqual(incremental);

      // The running API follows the new generations: a command after the swap is reflected there.
      await command('editor', 'post', `/v1/articles/${ids.a}/related`, { relatedArticleId: ids.d });
      const desk = await read('editor', '/v1/desk?status=pending_changes');
      expect(desk.items.map((item) => item.id)).toEqual([ids.a]);
      const health = (await t.anonymous().get('/health').expect(200)).body.checks.projections.details;
      for (const projection of ALL_PROJECTIONS) {
        expect(health[projection.name].active.generation).toBeGreaterThan(generationsBefore[projection.name].active.generation);
        expect(health[projection.name].active.lag).toBe(0);
        expect(health[projection.name].runner).toMatchObject({ state: 'live', generation: health[projection.name].active.generation });
      }
    } finally {
      db.close();
    }
  });
});

describe('read-your-writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REDAKSI_READ_WAIT_MS: '300' } });
  });
  afterAll(async () => {
    await t.close();
  });

  test('a read right after a command sees its effect', async () => {
    for (let n = 0; n < 5; n++) {
      const created = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, headline: `Berita nomor ${n}` })
        .expect(201);
      const read = await t
        .as('writer')
        .get(`/v1/desk/mine?waitFor=${created.headers['x-event-position'] as string}`)
        .expect(200);
      expect(read.headers['x-read-model-caught-up']).toBe('true');
      expect(BigInt(read.headers['x-read-model-position'] as string)).toBeGreaterThanOrEqual(
        BigInt(created.headers['x-event-position'] as string),
      );
      expect((read.body as ReadBody).items.map((item) => item.id)).toContain(created.body.id);
    }
  });

  test('a command whose events a model ignores still counts as reached', async () => {
    const created = await t.as('writer').post('/v1/articles').send(sampleArticleContent).expect(201);
    const read = await t
      .as('service')
      .get(`/v1/published?waitFor=${created.headers['x-event-position'] as string}`)
      .expect(200);
    expect(read.headers['x-read-model-caught-up']).toBe('true');
  });

  test('a position the models cannot reach in time: answered after the bounded wait, saying so', async () => {
    const started = Date.now();
    const read = await t.as('service').get('/v1/published?waitFor=999999999').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(read.headers['x-read-model-caught-up']).toBe('false');
    expect(read.headers['x-read-model-position']).toMatch(/^\d+$/);
  });

  test('a malformed position is a 400; without waitFor the position header is still there', async () => {
    const bad = await t.as('service').get('/v1/published?waitFor=soon').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'waitFor' })]);
    const plain = await t.as('service').get('/v1/published').expect(200);
    expect(plain.headers['x-read-model-position']).toMatch(/^\d+$/);
    expect(plain.headers['x-read-model-caught-up']).toBeUndefined();
  });
});

describe('projection health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('/health shows each projection’s position and lag without a key', async () => {
    const created = await t.as('writer').post('/v1/articles').send(sampleArticleContent).expect(201);
    await t
      .as('writer')
      .get(`/v1/desk/mine?waitFor=${created.headers['x-event-position'] as string}`)
      .expect(200);
    const health = await t.anonymous().get('/health').expect(200);
    for (const name of ['publishing', 'desk']) {
      expect(health.body.checks.projections.details[name]).toEqual({
        projection: name,
        version: 1,
        active: {
          generation: 1,
          position: created.headers['x-event-position'],
          lag: 0,
          eventsApplied: expect.any(Number),
          failures: 0,
          failedEvent: null,
        },
        building: null,
        runner: { state: 'live', generation: 1, consecutiveFailures: 0 },
        healthy: true,
      });
    }
  });

  test('/metrics is Prometheus text for admin and service keys only', async () => {
    await t.anonymous().get('/metrics').expect(401);
    await t.as('editor').get('/metrics').expect(403);
    await t.as('service').get('/metrics').expect(200);
    const metrics = await t.as('admin').get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toMatch(/^redaksi_projection_lag\{projection="publishing"\} 0$/m);
    expect(metrics.text).toMatch(/^redaksi_projection_events_processed_total\{projection="desk"\} [1-9]\d*$/m);
    expect(metrics.text).toMatch(/^redaksi_projection_failures_total\{projection="desk"\} 0$/m);
    expect(metrics.text).toMatch(/^redaksi_projection_position\{projection="desk"\} \d+$/m);
  });
});

describe('read-model paging input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('a page size outside 1..100 or an oversized cursor is a 400 on every paged read', async () => {
    for (const path of ['/v1/published', '/v1/desk', '/v1/desk/mine']) {
      const who = path === '/v1/desk/mine' ? 'writer' : 'editor';
      await t.as(who).get(`${path}?limit=0`).expect(400);
      await t.as(who).get(`${path}?limit=101`).expect(400);
      await t
        .as(who)
        .get(`${path}?cursor=${'x'.repeat(1001)}`)
        .expect(400);
      await t.as(who).get(`${path}?limit=100`).expect(200);
    }
  });
});
