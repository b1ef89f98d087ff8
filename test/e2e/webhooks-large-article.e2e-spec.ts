import { INLINE_PAYLOAD_MAX_BYTES } from '../../src/delivery/webhooks/deliveries/delivery-payload.js';
import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { ledgerStream } from '../../src/delivery/webhooks/ledger/ledger-events.js';
import { articleIn } from '../support/article-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitUntil, WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * A very long article (a live report of ~300 KB) is too large to travel in the webhook ledger:
 * its delivery is written there without the payload, which is mapped again from the log when
 * sent. The receiver still gets exactly the feed's bytes, and the admin sees the payload.
 */
describe('a webhook for an article too long for the ledger', () => {
  let t: TestApp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ delivery: { webhooks: { allowPrivateUrls: true, backoffBaseMs: 20, backoffMaxMs: 100 } } });
  });

  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  test('is delivered with the exact payload, derived from the log', async () => {
    const subscriber = (
      await t
        .as('admin')
        .post('/v1/subscribers')
        .send({ url: receiver.url, eventTypes: ['article.published'] })
        .expect(201)
    ).body as { id: string };
    const paragraph = (n: number) => ({
      type: 'paragraph' as const,
      text: `Pukul ${String(n).padStart(2, '0')}.00 WIB: ${'Tim SAR gabungan terus menyisir aliran sungai. '.repeat(300)}`,
    });
    const long = await articleIn(t, 'published', { content: { body: Array.from({ length: 20 }, (_, n) => paragraph(n)) } });
    const short = await articleIn(t, 'published');
    await waitUntil('both delivered', () => receiver.accepted().length === 2);

    const feed = (await t.as('service').get('/v1/feed').expect(200)).body.events as PublicEvent[];
    const bodies = new Map(receiver.accepted().map((request) => [(JSON.parse(request.body) as PublicEvent).articleId, request.body]));
    for (const event of feed) expect(bodies.get(event.articleId)).toBe(JSON.stringify(event));
    expect(Buffer.byteLength(bodies.get(long)!)).toBeGreaterThan(INLINE_PAYLOAD_MAX_BYTES);

    // In the ledger: the short one's payload travels, the long one's does not.
    const enqueued = (await t.store.readStream(ledgerStream(subscriber.id)))
      .filter((event) => event.type === 'WebhookDeliveriesEnqueued')
      .flatMap((event) => (event.data as { deliveries: { articleId: string; payload: string | null }[] }).deliveries);
    expect(enqueued.find((delivery) => delivery.articleId === short)?.payload).toBe(bodies.get(short));
    expect(enqueued.find((delivery) => delivery.articleId === long)?.payload).toBeNull();

    const deliveries = (await t.as('admin').get(`/v1/subscribers/${subscriber.id}/deliveries`).expect(200)).body as {
      id: string;
      articleId: string;
    }[];
    const longDelivery = deliveries.find((delivery) => delivery.articleId === long)!;
    const detail = (await t.as('admin').get(`/v1/subscribers/${subscriber.id}/deliveries/${longDelivery.id}`).expect(200)).body as {
      payload: unknown;
      status: string;
    };
    expect(detail).toMatchObject({ status: 'delivered', payload: feed.find((event) => event.articleId === long) });
  }, 30_000);
});
