import { verifyStore } from '../../src/audit/store-verification/verify-store.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { articleIn, VERIFY_BODY } from '../support/article-fixtures.js';
import { runCli } from '../support/cli-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The audit features on the EventStoreDB adapter (over the gRPC test server): hashes survive
 * the round trip through EventStoreDB's metadata, and the CLI reads the store the same way.
 */
describe('audit on EventStoreDB (gRPC test server)', () => {
  const backing = SqliteEventStore.open({ path: ':memory:' });
  let server: EsdbTestServer;
  let t: TestApp;
  let esdb: Record<string, string>;
  beforeAll(async () => {
    server = await EsdbTestServer.start(backing);
    esdb = { EVENTSTORE_CONNECTION_STRING: server.connectionString };
    t = await startTestApp({ env: esdb, scheduler: { enabled: false } });
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
    await backing.close();
  });

  test('chains verify, denials are recorded, and the CLI answers from EventStoreDB', async () => {
    const id = await articleIn(t, 'published');
    await t.as('writer').post(`/v1/articles/${id}/verify`).send(VERIFY_BODY).expect(403);

    const integrity = await t.as('auditor').get(`/v1/articles/${id}/integrity`).expect(200);
    expect(integrity.body).toMatchObject({ ok: true, events: 4 });
    const denials = await t.as('auditor').get('/v1/audit/denials').expect(200);
    expect(denials.body.items).toEqual([expect.objectContaining({ articleId: id, code: 'forbidden', commandType: 'VerifyArticle' })]);
    expect(await verifyStore(t.store, { pageSize: 2 })).toMatchObject({ ok: true, streams: 2, events: 5, breaks: [] });

    const history = await runCli('audit', ['history', id], t.dataDir, esdb);
    expect(history.stderr).toBe('');
    expect(history.code).toBe(0);
    expect(history.stdout.match(/^#\d+/gm)).toHaveLength(4);
  });
});
