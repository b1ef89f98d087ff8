import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { verifySignature } from '../../src/delivery/webhooks/signing.js';
import { leaseStreamName } from '../../src/delivery/webhooks/worker/event-store-lease.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { EsdbTestServer } from '../esdb/esdb-test-server.js';
import { VERIFY_BODY } from '../support/article-fixtures.js';
import { type ServerProcess, startServer } from '../support/server-process.js';
import { waitUntil, WebhookReceiver } from '../support/webhook-receiver.js';

const ROLES = { writer: ['writer'], editor: ['editor'], editor2: ['editor'], service: ['service'], admin: ['admin'] } as const;
type Who = keyof typeof ROLES;

/**
 * Two API processes with their own data directories on one EventStoreDB (the gRPC test
 * server), the webhook lease in the log. The process delivering is killed (SIGKILL) with
 * requests in flight and deliveries pending; the other takes the lease over when it expires and
 * delivers everything from the shared ledger, what was in flight included, each event accepted
 * once.
 */
describe('webhooks survive the crash of the delivering instance', () => {
  const backing = SqliteEventStore.open({ path: ':memory:' });
  let server: EsdbTestServer;
  const dirs: string[] = [];
  const tokens = Object.fromEntries(
    Object.keys(ROLES).map((who) => [who, `instances-${who}-${randomBytes(18).toString('base64url')}`]),
  ) as Record<Who, string>;
  const receiver = new WebhookReceiver(() => 'hang');

  beforeAll(async () => {
    server = await EsdbTestServer.start(backing);
    const keys = Object.entries(ROLES).map(([who, roles]) => ({
      token: tokens[who as Who],
      principalId: `instances-${who}`,
      displayName: `Instances ${who}`,
      roles,
    }));
    for (let n = 0; n < 2; n++) {
      const dir = await mkdtemp(path.join(tmpdir(), `redaksi-instance-crash-${n}-`));
      await writeFile(path.join(dir, 'api-keys.json'), JSON.stringify(keys));
      dirs.push(dir);
    }
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await server.stop();
    await backing.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('the other instance takes over from the ledger', async () => {
    const randomKey = randomBytes(32).toString('base64');
    const env = (dataDir: string): Record<string, string> => ({
      REDAKSI_DATA_DIR: dataDir,
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      REDAKSI_WEBHOOK_LEASE: 'log',
      REDAKSI_WEBHOOK_LEASE_TTL_MS: '2000',
      REDAKSI_WEBHOOK_SECRET_KEY: randomKey,
      REDAKSI_WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      REDAKSI_WEBHOOK_BACKOFF_BASE_MS: '50',
      REDAKSI_WEBHOOK_BACKOFF_MAX_MS: '200',
      REDAKSI_WEBHOOK_TIMEOUT_MS: '60000',
      REDAKSI_WEBHOOK_CONCURRENCY: '2',
    });
    const call = async (
      instance: ServerProcess,
      who: Who,
      method: string,
      url: string,
      body?: unknown,
    ): Promise<Record<string, unknown>> => {
      const response = await fetch(`${instance.baseUrl}${url}`, {
        method,
        headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const instances = [await startServer(env(dirs[0]!)), await startServer(env(dirs[1]!))];
    let survivor: ServerProcess | undefined;
    try {
      const [first, second] = instances as [ServerProcess, ServerProcess];
      const subscriber = await call(first, 'admin', 'POST', '/v1/subscribers', { url: receiver.url });
      const id = subscriber.id as string;
      for (let n = 1; n <= 5; n++) {
        const writeTo = n % 2 === 0 ? first : second;
        const { id: article } = (await call(writeTo, 'writer', 'POST', '/v1/articles', {
          ...sampleArticleContent,
          headline: `Banjir Rob Hari ke-${n} di Pesisir Semarang`,
        })) as { id: string };
        await call(writeTo, 'writer', 'POST', `/v1/articles/${article}/submit`);
        await call(writeTo, 'editor', 'POST', `/v1/articles/${article}/verify`, VERIFY_BODY);
        await call(writeTo, 'editor2', 'POST', `/v1/articles/${article}/publish`);
      }
      await waitUntil('two deliveries are in flight', () => receiver.requests.length >= 2, 10_000);
      for (const instance of instances) {
        await waitUntil(
          'both instances see the rest pending',
          async () => ((await call(instance, 'admin', 'GET', `/v1/subscribers/${id}`)).deliveries as { pending: number }).pending === 5,
        );
      }

      // Kill the one holding the lease (its pid is in the holder's name).
      const [lease] = await backing.readStream(leaseStreamName(id), { direction: 'backwards', maxCount: 1 });
      const holderPid = Number(String((lease!.data as { holder: string }).holder).split(':')[1]);
      const holder = instances.find((instance) => instance.child.pid === holderPid);
      expect(holder).toBeDefined();
      survivor = holder === first ? second : first;
      const inFlight = receiver.requests.map((request) => String(request.headers['redaksi-event-id']));
      await holder!.kill('SIGKILL');
      receiver.behaviour = () => 200;

      const feed = (await call(survivor, 'service', 'GET', '/v1/feed')).events as PublicEvent[];
      expect(feed).toHaveLength(5);
      await waitUntil('everything delivered by the survivor', () => receiver.accepted().length === feed.length, 20_000);
      const accepted = receiver.requests.filter((request) => request.answered === 200);
      expect(accepted.map((request) => String(request.headers['redaksi-event-id'])).sort()).toEqual(feed.map((event) => event.id).sort());
      for (const eventId of inFlight)
        expect(receiver.requests.filter((request) => request.headers['redaksi-event-id'] === eventId).length).toBe(2);
      for (const request of accepted)
        expect(
          verifySignature(
            String(request.headers['redaksi-signature']),
            request.body,
            subscriber.secret as string,
            Math.floor(Date.now() / 1000),
          ).valid,
        ).toBe(true);
      await waitUntil(
        'the survivor recorded them all',
        async () => ((await call(survivor!, 'admin', 'GET', `/v1/subscribers/${id}`)).deliveries as { delivered: number }).delivered === 5,
      );
    } finally {
      for (const instance of instances)
        if (instance.child.exitCode === null && instance.child.signalCode === null) await instance.kill('SIGTERM');
    }
    expect(survivor?.stderr()).not.toMatch(/"level":(50|60)/);
  }, 90_000);
});
