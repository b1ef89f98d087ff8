import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { DELIVERY_DATABASE_FILE } from '../../src/delivery/webhooks/delivery-database.js';
import { verifySignature } from '../../src/delivery/webhooks/signing.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { articleIn } from '../support/article-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitUntil, WebhookReceiver } from '../support/webhook-receiver.js';

interface SubscriberBody {
  readonly id: string;
  readonly secretHint: string;
  readonly deliveries: { readonly pending: number; readonly delivered: number; readonly parked: number };
}

/**
 * Two API instances as on two machines: each with its own data directory (so its own
 * delivery.sqlite), both on one EventStoreDB (the gRPC test server), the lease in the log and
 * one shared secret key. Subscribers and every delivery's state travel through the log: a
 * subscriber registered on one instance is delivered by whichever holds its lease, both answer
 * the admin API alike, a parked delivery is re-driven from the other instance, and when the
 * deliverer stops the other takes over where it left off. No event arrives twice.
 */
describe('webhooks with several instances on one EventStoreDB', () => {
  const backing = SqliteEventStore.open({ path: ':memory:' });
  const receiver = new WebhookReceiver();
  let server: EsdbTestServer;
  const dirs: string[] = [];
  const apps = new Set<TestApp>();
  let refuse = false;

  const delivery = {
    webhooks: {
      allowPrivateUrls: true,
      lease: 'log' as const,
      leaseTtlMs: 3_000,
      backoffBaseMs: 20,
      backoffMaxMs: 100,
      maxAttempts: 2,
      secretKey: randomBytes(32),
    },
  };
  const instance = async (dataDir: string): Promise<TestApp> => {
    const app = await startTestApp({ dataDir, delivery, env: { EVENTSTORE_CONNECTION_STRING: server.connectionString } });
    apps.add(app);
    return app;
  };
  const stop = async (app: TestApp): Promise<void> => {
    apps.delete(app);
    await app.close();
  };
  const subscriberOn = async (app: TestApp, id: string): Promise<SubscriberBody | undefined> => {
    const response = await app.as('admin').get(`/v1/subscribers/${id}`);
    return response.status === 200 ? (response.body as SubscriberBody) : undefined;
  };

  beforeAll(async () => {
    server = await EsdbTestServer.start(backing);
    for (let n = 0; n < 2; n++) dirs.push(await mkdtemp(path.join(tmpdir(), `redaksi-instance-${n}-`)));
    receiver.behaviour = () => (refuse ? 410 : 200);
    await receiver.start();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await receiver.stop();
    await server.stop();
    await backing.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('one ledger in the log: registered on one instance, delivered by either, taken over without repeats', async () => {
    let a = await instance(dirs[0]!);
    let b = await instance(dirs[1]!);
    const created = (await a.as('admin').post('/v1/subscribers').send({ url: receiver.url }).expect(201)).body as SubscriberBody & {
      secret: string;
    };
    const { id, secret } = created;

    // The other instance knows the subscriber and its secret (only the last characters are shown).
    await waitUntil('the other instance knows the subscriber', async () => (await subscriberOn(b, id))?.secretHint === created.secretHint);

    await articleIn(a, 'published');
    await articleIn(b, 'published');
    await waitUntil('two delivered', () => receiver.accepted().length === 2);
    for (const app of [a, b])
      await waitUntil('both instances show two delivered', async () => (await subscriberOn(app, id))?.deliveries.delivered === 2);

    // A receiver refusing for good parks the delivery; the instance that is not delivering re-drives it.
    refuse = true;
    await articleIn(a, 'published');
    for (const app of [a, b])
      await waitUntil('parked, on both instances', async () => (await subscriberOn(app, id))?.deliveries.parked === 1);
    const [parked] = (await b.as('admin').get(`/v1/subscribers/${id}/deliveries?status=parked`).expect(200)).body as { id: string }[];
    refuse = false;
    expect((await b.as('admin').post(`/v1/subscribers/${id}/deliveries/${parked!.id}/redrive`).expect(200)).body).toEqual({ redriven: 1 });
    await waitUntil('the re-driven one delivered', () => receiver.accepted().length === 3);

    // Whichever instance held the lease, stopping each in turn hands delivery over once each way.
    await stop(a);
    await articleIn(b, 'published');
    await waitUntil('the fourth delivered while only the second instance runs', () => receiver.accepted().length === 4, 10_000);
    a = await instance(dirs[0]!);
    await stop(b);
    await articleIn(a, 'published');
    await waitUntil(
      'the fifth delivered by the first instance, back on its own data directory',
      () => receiver.accepted().length === 5,
      10_000,
    );
    // The second instance starts without its delivery.sqlite: it folds the whole ledger again.
    for (const suffix of ['', '-wal', '-shm']) await rm(path.join(dirs[1]!, `${DELIVERY_DATABASE_FILE}${suffix}`), { force: true });
    b = await instance(dirs[1]!);
    await waitUntil('the restarted instance has caught up', async () => (await subscriberOn(b, id))?.deliveries.delivered === 5);

    const feed = (await b.as('service').get('/v1/feed').expect(200)).body.events as PublicEvent[];
    const delivered = receiver.requests.filter((request) => request.answered === 200);
    expect(delivered.map((request) => String(request.headers['redaksi-event-id'])).sort()).toEqual(feed.map((event) => event.id).sort());
    for (const request of delivered) {
      expect(
        verifySignature(String(request.headers['redaksi-signature']), request.body, secret, Math.floor(Date.now() / 1000)),
      ).toMatchObject({ valid: true });
    }
    // Both instances give the same delivery log, attempts and times included.
    const log = async (app: TestApp) =>
      (await app.as('admin').get(`/v1/subscribers/${id}/deliveries`).expect(200)).body as {
        id: string;
        status: string;
        attempts: number;
      }[];
    expect(await log(b)).toHaveLength(5);
    expect(await log(a)).toEqual(await log(b));
    const detail = async (app: TestApp) =>
      (await app.as('admin').get(`/v1/subscribers/${id}/deliveries/${parked!.id}`).expect(200)).body as {
        attemptLog: { outcome: string }[];
      };
    // 410 is final: parked at once; the re-drive delivered it.
    expect((await detail(b)).attemptLog.map((attempt) => attempt.outcome)).toEqual(['failed', 'delivered']);
    expect(await detail(a)).toEqual(await detail(b));

    // Deleted on one instance: gone from both.
    await b.as('admin').delete(`/v1/subscribers/${id}`).expect(204);
    await waitUntil('gone from the other instance', async () => (await subscriberOn(a, id)) === undefined);
  }, 60_000);

  test('an instance with another secret key says so, signs nothing it cannot, and stops no one else', async () => {
    const a = await instance(dirs[0]!);
    const first = (await a.as('admin').post('/v1/subscribers').send({ url: receiver.url }).expect(201)).body as { id: string };
    dirs.push(await mkdtemp(path.join(tmpdir(), 'redaksi-instance-other-key-')));
    const other = await startTestApp({
      dataDir: dirs.at(-1)!,
      delivery: { webhooks: { ...delivery.webhooks, secretKey: randomBytes(32) } },
      env: { EVENTSTORE_CONNECTION_STRING: server.connectionString },
    });
    apps.add(other);
    type Health = { checks: { webhooks: { status: string; details: { keyMismatch?: string; ledger: { ok: boolean } } } } };
    const health = async (app: TestApp) => ((await app.anonymous().get('/health')).body as Health).checks.webhooks;
    await waitUntil('the other instance reports the key', async () =>
      /REDAKSI_WEBHOOK_SECRET_KEY/.test((await health(other)).details.keyMismatch ?? ''),
    );
    expect(await health(other)).toMatchObject({ status: 'error', details: { ledger: { ok: true } } });
    expect((await subscriberOn(other, first.id))?.secretHint).toMatch(/another key/);
    expect((await other.as('service').get('/metrics').expect(200)).text).toMatch(/redaksi_webhook_subscribers_without_secret [1-9]/);

    // A subscriber registered on the misconfigured instance does not stop the others' ledger.
    const second = (await other.as('admin').post('/v1/subscribers').send({ url: receiver.url, from: 'now' }).expect(201)).body as {
      id: string;
    };
    await waitUntil('the first instance folded it', async () => (await subscriberOn(a, second.id)) !== undefined);
    expect(await health(a)).toMatchObject({
      status: 'error',
      details: { ledger: { ok: true }, keyMismatch: expect.stringContaining('1 subscriber') },
    });
    const before = receiver.accepted().length;
    await articleIn(a, 'published');
    // Each is delivered by an instance that holds its key: both arrive, signed.
    await waitUntil(
      'delivered to both subscribers',
      async () =>
        (await subscriberOn(a, first.id))?.deliveries.delivered === 1 && (await subscriberOn(a, second.id))?.deliveries.delivered === 1,
    );
    expect(receiver.accepted().length).toBe(before + 1);
    expect(receiver.requests.filter((request) => request.answered === 200).length).toBeGreaterThanOrEqual(before + 2);

    // Removed by an instance that cannot sign for it: the mismatch is gone from its health too.
    await a.as('admin').delete(`/v1/subscribers/${second.id}`).expect(204);
    expect((await health(a)).status).toBe('ok');
  }, 30_000);

  test('webhooks resume after EventStoreDB was away for a while', async () => {
    const before = receiver.accepted().length;
    dirs.push(await mkdtemp(path.join(tmpdir(), 'redaksi-instance-outage-')));
    const app = await instance(dirs.at(-1)!);
    const { id } = (await app.as('admin').post('/v1/subscribers').send({ url: receiver.url, from: 'now' }).expect(201)).body as {
      id: string;
    };
    await articleIn(app, 'published');
    await waitUntil('the first delivered', () => receiver.accepted().length === before + 1);

    server.halt();
    const halted = Date.now();
    // Meanwhile a command is answered 503 with Retry-After, not 500.
    const refused = await app.as('writer').post('/v1/articles').send(sampleArticleContent);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ type: expect.stringContaining('event-store-unavailable') });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_500 - (Date.now() - halted))));
    await server.resume();

    await articleIn(app, 'published');
    await waitUntil('the second delivered after the outage', () => receiver.accepted().length === before + 2, 20_000);
    await waitUntil('both recorded', async () => (await subscriberOn(app, id))?.deliveries.delivered === 2);
    expect((await app.anonymous().get('/health').expect(200)).body.checks.webhooks.status).toBe('ok');
  }, 45_000);
});
