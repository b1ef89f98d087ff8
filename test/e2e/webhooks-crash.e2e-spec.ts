import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { verifySignature } from '../../src/delivery/webhooks/signing.js';
import { VERIFY_BODY } from '../support/article-fixtures.js';
import { startServer } from '../support/server-process.js';
import { waitUntil, WebhookReceiver } from '../support/webhook-receiver.js';

const ROLES = { writer: ['writer'], editor: ['editor'], editor2: ['editor'], service: ['service'], admin: ['admin'] } as const;
type Who = keyof typeof ROLES;

/**
 * Kill -9 the server while webhook deliveries are in flight (the receiver holds every request
 * without answering) and more are pending behind them, start it again on the same data
 * directory with the receiver healthy: every public event arrives, the ones in flight included.
 */
describe('webhooks survive a crash (SIGKILL)', () => {
  let dataDir: string;
  const tokens = Object.fromEntries(
    Object.keys(ROLES).map((who) => [who, `crash-${who}-${randomBytes(18).toString('base64url')}`]),
  ) as Record<Who, string>;
  const receiver = new WebhookReceiver(() => 'hang');

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-webhook-crash-'));
    const keys = Object.entries(ROLES).map(([who, roles]) => ({
      token: tokens[who as Who],
      principalId: `crash-${who}`,
      displayName: `Crash ${who}`,
      roles,
    }));
    await writeFile(path.join(dataDir, 'api-keys.json'), JSON.stringify(keys));
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('deliveries pending or in flight when the process dies are all delivered after a restart', async () => {
    const env = {
      REDAKSI_DATA_DIR: dataDir,
      REDAKSI_WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      REDAKSI_WEBHOOK_BACKOFF_BASE_MS: '50',
      REDAKSI_WEBHOOK_BACKOFF_MAX_MS: '200',
      REDAKSI_WEBHOOK_TIMEOUT_MS: '60000',
      REDAKSI_WEBHOOK_CONCURRENCY: '2',
    };
    const first = await startServer(env);
    const call = async (baseUrl: string, who: Who, method: string, url: string, body?: unknown): Promise<Record<string, unknown>> => {
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const publish = async (headline: string): Promise<string> => {
      const { id } = (await call(first.baseUrl, 'writer', 'POST', '/v1/articles', { ...sampleArticleContent, headline })) as { id: string };
      await call(first.baseUrl, 'writer', 'POST', `/v1/articles/${id}/submit`);
      await call(first.baseUrl, 'editor', 'POST', `/v1/articles/${id}/verify`, VERIFY_BODY);
      await call(first.baseUrl, 'editor2', 'POST', `/v1/articles/${id}/publish`);
      return id;
    };

    let secret: string;
    try {
      const subscriber = await call(first.baseUrl, 'admin', 'POST', '/v1/subscribers', { url: receiver.url });
      secret = subscriber.secret as string;
      for (let n = 1; n <= 6; n++) await publish(`Banjir Susulan Hari ke-${n} di Tangerang Selatan`);
      await waitUntil('two deliveries are in flight', () => receiver.requests.length >= 2, 10_000);
      await waitUntil('the rest are pending', async () => {
        const view = await call(first.baseUrl, 'admin', 'GET', `/v1/subscribers/${subscriber.id as string}`);
        return (view.deliveries as { pending: number }).pending === 6;
      });
    } catch (error) {
      await first.kill('SIGKILL');
      throw error;
    }
    const inFlight = receiver.requests.map((request) => String(request.headers['redaksi-event-id']));
    expect(inFlight.length).toBeGreaterThanOrEqual(2);
    await first.kill('SIGKILL');

    receiver.behaviour = () => 200;
    const second = await startServer(env);
    try {
      const feed = (await call(second.baseUrl, 'service', 'GET', '/v1/feed')).events as PublicEvent[];
      expect(feed.map((event) => event.type)).toEqual(Array.from({ length: 6 }, () => 'article.published'));
      await waitUntil('everything delivered', () => receiver.accepted().length === feed.length, 15_000);
      const accepted = receiver.accepted();
      expect(accepted.map((request) => String(request.headers['redaksi-event-id'])).sort()).toEqual(feed.map((event) => event.id).sort());
      // What was in flight when the process died was sent again.
      for (const id of inFlight)
        expect(receiver.requests.filter((request) => request.headers['redaksi-event-id'] === id).length).toBeGreaterThanOrEqual(2);
      for (const request of accepted) {
        expect(
          verifySignature(String(request.headers['redaksi-signature']), request.body, secret, Math.floor(Date.now() / 1000)).valid,
        ).toBe(true);
        expect(JSON.parse(request.body)).toEqual(feed.find((event) => event.id === request.headers['redaksi-event-id']));
      }
    } finally {
      await second.kill('SIGTERM');
    }
    expect(second.stderr()).not.toMatch(/"level":(50|60)/);
  }, 90_000);
});
