/**
 * The API over EventStoreDB (the gRPC test server, SQLite behind it) when the cluster misbehaves:
 * a hung node answers 503 with Retry-After within the deadline and a command retried afterwards
 * with its Idempotency-Key is written once; a reset subscription (INTERNAL) is resubscribed and the
 * read models miss nothing and repeat nothing; after an election commands are decided on the leader.
 * No assertion is about how long anything took: a request that comes back while the server still
 * hangs has been answered by the deadline, not by the server.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DEADLINE_MS = 800;

interface DeskBody {
  readonly items: readonly { readonly id: string }[];
}

describe('the API on EventStoreDB when the cluster misbehaves', () => {
  const backing = SqliteEventStore.open({ path: ':memory:' });
  let server: EsdbTestServer;
  let leader: EsdbTestServer;
  let t: TestApp;

  beforeAll(async () => {
    server = await EsdbTestServer.start(backing);
    leader = await EsdbTestServer.start(backing);
    t = await startTestApp({
      env: {
        EVENTSTORE_CONNECTION_STRING: `${server.connectionString}&defaultDeadline=${DEADLINE_MS}`,
        REDAKSI_EVENTSTORE_RETRY_MS: '500',
      },
      scheduler: { enabled: false },
    });
  });

  afterAll(async () => {
    await t.close();
    await server.stop();
    await leader.stop();
    await backing.close();
  });

  afterEach(() => {
    server.faults.clear();
  });

  test('a hung server: reads, commands and /health answer 503 in time; the command retried later is written once', async () => {
    const created = await t.as('writer').post('/v1/articles').send(sampleArticleContent).expect(201);
    const id = created.body.id as string;

    server.faults.inject({ method: '*', fault: { kind: 'hang' } });
    const read = await t.as('writer').get(`/v1/articles/${id}`);
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toMatch(/^\d+$/);
    expect(read.body).toMatchObject({ type: 'https://redaksi.dev/problems/event-store-unavailable', status: 503 });

    const key = randomUUID();
    const command = await t.as('writer').post('/v1/articles').set('Idempotency-Key', key).send(sampleArticleContent);
    expect(command.status).toBe(503);
    expect(command.headers['retry-after']).toMatch(/^\d+$/);

    const health = await t.anonymous().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.checks.eventStore.status).toBe('error');
    // Every request above came back while the server still hung.
    expect(server.faults.answered.length).toBeGreaterThan(0);

    server.faults.clear();
    const retried = await t.as('writer').post('/v1/articles').set('Idempotency-Key', key).send(sampleArticleContent).expect(201);
    const stream = await backing.readStream(`article-${retried.body.id as string}`);
    expect(stream.map((e) => e.type)).toEqual(['ArticleDrafted']);
    await t.as('writer').get(`/v1/articles/${id}`).expect(200);
  });

  test('a subscription reset under the projections (INTERNAL) is made again: the desk misses nothing and repeats nothing', async () => {
    const first = await t
      .as('writer')
      .post('/v1/articles')
      .send({ ...sampleArticleContent, headline: 'Sebelum reset' })
      .expect(201);
    await t
      .as('writer')
      .get(`/v1/desk/mine?waitFor=${first.headers['x-event-position'] as string}`)
      .expect(200);
    const subscribed = server.stats.subscriptions;
    expect(server.resetSubscriptions()).toBeGreaterThan(0);

    const second = await t
      .as('writer')
      .post('/v1/articles')
      .send({ ...sampleArticleContent, headline: 'Sesudah reset' })
      .expect(201);
    const desk = await t
      .as('writer')
      .get(`/v1/desk/mine?waitFor=${second.headers['x-event-position'] as string}`)
      .expect(200);
    expect(desk.headers['x-read-model-caught-up']).toBe('true');
    const ids = (desk.body as DeskBody).items.map((item) => item.id);
    expect(ids.filter((x) => x === first.body.id)).toHaveLength(1);
    expect(ids.filter((x) => x === second.body.id)).toHaveLength(1);
    expect(server.stats.subscriptions).toBeGreaterThan(subscribed);
  });

  test('after an election the node the API talks to is a follower: commands are decided and written on the leader', async () => {
    const demoted = server.followLeader({ host: '127.0.0.1', port: leader.port });
    try {
      const created = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, headline: 'Setelah pemilihan' })
        .expect(201);
      const id = created.body.id as string;
      await t
        .as('writer')
        .put(`/v1/articles/${id}/content`)
        .set('If-Match', created.headers.etag as string)
        .send({ ...sampleArticleContent, headline: 'Setelah pemilihan, direvisi' })
        .expect(200);
      expect((await backing.readStream(`article-${id}`)).map((e) => e.type)).toEqual(['ArticleDrafted', 'ArticleRevised']);
      expect(server.faults.answered.some((a) => a.fault === 'notLeader')).toBe(true);
      expect(leader.stats.leaderReads).toBeGreaterThan(0);
    } finally {
      demoted();
    }
  });
});
