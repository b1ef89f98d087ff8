import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { articleIn } from '../support/article-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitUntil, WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Two API processes on one data directory (here: two apps in one test process, each with its own
 * connections) with the lease kept in the log: only one delivers at a time, and when it stops,
 * the other takes over where it left off. No event is sent twice.
 */
describe('webhook delivery with a lease in the log', () => {
  let dataDir: string;
  const receiver = new WebhookReceiver();
  const delivery = {
    webhooks: {
      allowPrivateUrls: true,
      lease: 'log' as const,
      leaseTtlMs: 3_000,
      backoffBaseMs: 20,
      backoffMaxMs: 100,
      secretKey: randomBytes(32),
    },
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-lease-'));
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('one process delivers; when it stops, the other takes over', async () => {
    const first = await startTestApp({ dataDir, delivery });
    let firstOpen = true;
    let second: TestApp | undefined;
    try {
      const subscriber = (await first.as('admin').post('/v1/subscribers').send({ url: receiver.url }).expect(201)).body as { id: string };
      const delivered = async (t: TestApp) =>
        ((await t.as('admin').get(`/v1/subscribers/${subscriber.id}`).expect(200)).body as { deliveries: { delivered: number } }).deliveries
          .delivered;
      second = await startTestApp({ dataDir, delivery });
      await articleIn(first, 'published');
      await articleIn(second, 'published');
      await waitUntil('two delivered', () => receiver.accepted().length === 2);
      // Recorded too: only then is it certain that no one sends them again.
      await waitUntil('two recorded', async () => (await delivered(second!)) === 2);

      await first.close();
      firstOpen = false;
      await articleIn(second, 'published');
      await waitUntil('the third delivered by the second process', () => receiver.accepted().length === 3, 10_000);

      const feed = (await second.as('service').get('/v1/feed').expect(200)).body.events as PublicEvent[];
      expect(receiver.requests.map((request) => String(request.headers['redaksi-event-id'])).sort()).toEqual(
        feed.map((event) => event.id).sort(),
      );
    } finally {
      if (firstOpen) await first.close();
      await second?.close();
    }
  }, 30_000);
});
