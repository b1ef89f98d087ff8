import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { verifySignature } from '../../src/delivery/webhooks/signing.js';
import { type DeliveryStory, INTERNAL_MARKER, playDeliveryStory } from '../support/delivery-story.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type ReceivedRequest, waitUntil, WebhookReceiver } from '../support/webhook-receiver.js';

interface Subscribed {
  readonly id: string;
  readonly secret: string;
  readonly receiver: WebhookReceiver;
}

/**
 * Webhooks to real HTTP receivers on 127.0.0.1, each misbehaving its own way, all fed by the
 * same newsroom story. Backoffs are milliseconds so the whole retry schedule (12 attempts)
 * takes about a second and a half.
 */
describe('webhooks', () => {
  let t: TestApp;
  let story: DeliveryStory;
  let feed: PublicEvent[];
  const receivers = {
    healthy: new WebhookReceiver(),
    // Fails the first two attempts of every event.
    flaky: new WebhookReceiver((_request, earlier) => (earlier < 2 ? 500 : 204)),
    // Never answers the first attempt of an event (the sender times out after 300 ms).
    slow: new WebhookReceiver((_request, earlier) => (earlier === 0 ? 'hang' : 200)),
    // Refuses connections until the test brings it back (subscribed later, from the start).
    down: new WebhookReceiver(),
    // Answers 503 until the test lets it recover.
    broken: new WebhookReceiver(() => 503),
    // Rejects everything with a 4xx: no point retrying.
    rejecting: new WebhookReceiver(() => 422),
    filtered: new WebhookReceiver(),
  };
  const subscribed = {} as Record<keyof typeof receivers, Subscribed>;

  beforeAll(async () => {
    for (const receiver of Object.values(receivers)) await receiver.start();
    await receivers.down.stop();
    t = await startTestApp({
      delivery: {
        webhooks: { allowPrivateUrls: true, backoffBaseMs: 20, backoffMaxMs: 150, timeoutMs: 300, maxAttempts: 12, concurrency: 3 },
      },
    });
    for (const [name, receiver] of Object.entries(receivers) as [keyof typeof receivers, WebhookReceiver][]) {
      if (name === 'down') continue;
      const filter = name === 'filtered' ? { eventTypes: ['article.unpublished'], topics: ['ciputat'] } : {};
      const created = await t
        .as('admin')
        .post('/v1/subscribers')
        .send({ url: receiver.url, description: name, ...filter })
        .expect(201);
      subscribed[name] = { id: created.body.id as string, secret: created.body.secret as string, receiver };
    }
    story = await playDeliveryStory(t);
    feed = (await t.as('service').get('/v1/feed?limit=100').expect(200)).body.events as PublicEvent[];
    expect(feed).toHaveLength(story.expected.length);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    for (const receiver of Object.values(receivers)) await receiver.stop();
  });

  /** Every accepted request is signed, and per article they arrive in the feed's order. */
  function expectInOrderAndSigned(requests: readonly ReceivedRequest[], secret: string, expected: readonly PublicEvent[]): void {
    for (const request of requests) {
      expect(
        verifySignature(String(request.headers['redaksi-signature']), request.body, secret, Math.floor(Date.now() / 1000)),
      ).toMatchObject({ valid: true });
      const event = JSON.parse(request.body) as PublicEvent;
      expect(request.headers['redaksi-event-id']).toBe(event.id);
      expect(request.headers['redaksi-event-type']).toBe(event.type);
    }
    const byArticle = (events: readonly PublicEvent[]) => {
      const groups = new Map<string, string[]>();
      for (const event of events) groups.set(event.articleId, [...(groups.get(event.articleId) ?? []), event.id]);
      return groups;
    };
    const received = requests.map((request) => JSON.parse(request.body) as PublicEvent);
    expect(byArticle(received)).toEqual(byArticle(expected));
    expect(received.map((event) => event.id).sort()).toEqual(expected.map((event) => event.id).sort());
  }

  type DeliveryLine = { id: string; eventId: string; status: string; attempts: number; parkedReason: string | null };
  type DeliveryDetail = DeliveryLine & { attemptLog: { outcome: string; status: number | null; error: string | null }[]; payload: unknown };

  async function deliveriesOf(name: keyof typeof receivers, query = ''): Promise<DeliveryLine[]> {
    return (await t.as('admin').get(`/v1/subscribers/${subscribed[name].id}/deliveries${query}`).expect(200)).body as DeliveryLine[];
  }

  async function deliveryDetail(name: keyof typeof receivers, deliveryId: string): Promise<DeliveryDetail> {
    return (await t.as('admin').get(`/v1/subscribers/${subscribed[name].id}/deliveries/${deliveryId}`).expect(200)).body as DeliveryDetail;
  }

  async function counts(name: keyof typeof receivers): Promise<Record<string, number>> {
    return (await t.as('admin').get(`/v1/subscribers/${subscribed[name].id}`).expect(200)).body.deliveries as Record<string, number>;
  }

  test('a healthy receiver gets every event once, signed, in order, with exactly the feed payload', async () => {
    const { receiver, secret } = subscribed.healthy;
    await waitUntil('all delivered', () => receiver.accepted().length === feed.length);
    expectInOrderAndSigned(receiver.accepted(), secret, feed);
    expect(receiver.requests).toHaveLength(feed.length);
    expect(
      receiver.requests
        .map((request) => JSON.parse(request.body) as unknown)
        .sort((a, b) => ((a as PublicEvent).cursor < (b as PublicEvent).cursor ? -1 : 1)),
    ).toEqual([...feed].sort((a, b) => (a.cursor < b.cursor ? -1 : 1)));
    expect(receiver.requests.some((request) => request.body.includes(INTERNAL_MARKER))).toBe(false);
    expect(receiver.requests[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'redaksi-delivery-attempt': '1',
      'user-agent': 'Redaksi-Webhooks/1',
    });
  });

  test('a receiver that fails the first attempts gets everything, in order; the log shows each attempt', async () => {
    const { receiver, secret } = subscribed.flaky;
    await waitUntil('all delivered', () => receiver.accepted().length === feed.length);
    expectInOrderAndSigned(receiver.accepted(), secret, feed);
    expect(receiver.requests).toHaveLength(3 * feed.length);

    await waitUntil('the log is written', async () => (await counts('flaky')).delivered === feed.length);
    const log = await deliveriesOf('flaky');
    expect(log.every((delivery) => delivery.status === 'delivered' && delivery.attempts === 3)).toBe(true);
    const detail = await deliveryDetail('flaky', log[0]!.id);
    expect(detail.attemptLog.map((attempt) => [attempt.outcome, attempt.status])).toEqual([
      ['retry', 500],
      ['retry', 500],
      ['delivered', 204],
    ]);
    expect(detail.payload).toEqual(feed.find((event) => event.id === detail.eventId));
  });

  test('a receiver that times out gets everything, in order', async () => {
    const { receiver, secret } = subscribed.slow;
    await waitUntil('all delivered', () => receiver.accepted().length === feed.length);
    expectInOrderAndSigned(receiver.accepted(), secret, feed);
    const log = await deliveriesOf('slow');
    const detail = await deliveryDetail('slow', log[0]!.id);
    expect(detail.attemptLog[0]).toMatchObject({ outcome: 'retry', status: null, error: 'no response within 300 ms' });
  });

  test('a receiver that is down, then comes back, gets everything, in order (subscribed from the start)', async () => {
    const receiver = receivers.down;
    const created = await t.as('admin').post('/v1/subscribers').send({ url: receiver.url, from: 'start' }).expect(201);
    const secret = created.body.secret as string;
    subscribed.down = { id: created.body.id as string, secret, receiver };
    await waitUntil('attempts were refused', async () => (await deliveriesOf('down')).some((delivery) => delivery.attempts >= 2));
    await receiver.start();
    await waitUntil('all delivered', () => receiver.accepted().length === feed.length);
    expectInOrderAndSigned(receiver.accepted(), secret, feed);
    const refused = await deliveryDetail('down', (await deliveriesOf('down')).at(-1)!.id);
    expect(refused.attemptLog[0]!.error).toMatch(/ECONNREFUSED/);
  });

  test('a receiver that never recovers ends up parked, one article behind another; re-driving keeps the order', async () => {
    const { receiver, secret } = subscribed.broken;
    await waitUntil('everything parked', async () => {
      const now = await counts('broken');
      return now.parked === feed.length && now.pending === 0;
    });
    const parked = await deliveriesOf('broken', '?status=parked');
    // Each article's oldest delivery gave up after 12 attempts; the rest wait behind it, unsent.
    const heads = parked.filter((delivery) => delivery.attempts > 0);
    expect(heads).toHaveLength(Object.keys(story.articles).length - 1);
    for (const head of heads)
      expect(head).toMatchObject({ attempts: 12, parkedReason: expect.stringMatching(/^gave up after 12 attempts; last: HTTP 503/) });
    expect(
      parked
        .filter((delivery) => delivery.attempts === 0)
        .every((delivery) => /waiting behind parked delivery/.test(delivery.parkedReason ?? '')),
    ).toBe(true);

    receiver.behaviour = () => 200;
    const before = receiver.requests.length;
    // Re-driving a later delivery of article a sends a's whole chain, oldest first.
    const correction = parked.find((delivery) => delivery.eventId === feed[3]!.id)!;
    const chain = feed.filter((event) => event.articleId === story.articles.a);
    expect(
      (await t.as('admin').post(`/v1/subscribers/${subscribed.broken.id}/deliveries/${correction.id}/redrive`).expect(200)).body,
    ).toEqual({ redriven: chain.length });
    await waitUntil("article a's chain delivered", () => receiver.accepted().length === chain.length);
    expect(receiver.requests.slice(before).map((request) => (JSON.parse(request.body) as PublicEvent).id)).toEqual(
      chain.map((event) => event.id),
    );
    expect((await counts('broken')).parked).toBe(feed.length - chain.length);

    await t.as('admin').post(`/v1/subscribers/${subscribed.broken.id}/deliveries/${correction.id}/redrive`).expect(409);
    expect((await t.as('admin').post(`/v1/subscribers/${subscribed.broken.id}/deliveries/redrive`).expect(200)).body).toEqual({
      redriven: feed.length - chain.length,
    });
    await waitUntil('all delivered', () => receiver.accepted().length === feed.length);
    expectInOrderAndSigned(receiver.accepted(), secret, feed);
  });

  test('a 4xx is permanent: parked after one attempt', async () => {
    await waitUntil('parked', async () => (await counts('rejecting')).parked === feed.length);
    const heads = (await deliveriesOf('rejecting')).filter((delivery) => delivery.attempts > 0);
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) expect(head).toMatchObject({ attempts: 1, parkedReason: 'permanent failure: HTTP 422' });
    expect(subscribed.rejecting.receiver.requests).toHaveLength(heads.length);
    const metrics = (await t.as('service').get('/metrics').expect(200)).text;
    expect(metrics).toContain(`redaksi_webhook_deliveries{subscriber="${subscribed.rejecting.id}",status="parked"} ${feed.length}`);
    expect(metrics).toContain(`redaksi_webhook_deliveries{subscriber="${subscribed.rejecting.id}",status="pending"} 0`);
    expect(metrics).toContain('redaksi_webhook_ledger_failing 0');
  });

  test('event type and topic filters choose what a subscriber gets', async () => {
    const { receiver, secret } = subscribed.filtered;
    const wanted = feed.filter((event) => event.type === 'article.unpublished' && event.articleId === story.articles.c);
    await waitUntil('delivered', () => receiver.accepted().length === 1);
    await waitUntil('the healthy one is done', () => subscribed.healthy.receiver.accepted().length === feed.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests).toHaveLength(1);
    expectInOrderAndSigned(receiver.accepted(), secret, wanted);
  });

  test('a replay delivers again, from the start or after a cursor, with the same event ids', async () => {
    const { receiver, id } = subscribed.healthy;
    await waitUntil('first round delivered', () => receiver.requests.length === feed.length);
    await t.as('admin').post(`/v1/subscribers/${id}/replay`).send({ from: 'start' }).expect(200);
    await waitUntil('replayed', () => receiver.requests.length === 2 * feed.length);
    await t.as('admin').post(`/v1/subscribers/${id}/replay`).send({ from: feed[6]!.cursor }).expect(200);
    await waitUntil('replayed after the cursor', () => receiver.requests.length === 3 * feed.length - 7);
    const replayed = receiver.requests.slice(2 * feed.length).map((request) => (JSON.parse(request.body) as PublicEvent).id);
    expect(replayed.sort()).toEqual(
      feed
        .slice(7)
        .map((event) => event.id)
        .sort(),
    );
    expect(await counts('healthy')).toMatchObject({ pending: 0, parked: 0, delivered: 2 * feed.length + feed.length - 7 });
    await t.as('admin').post(`/v1/subscribers/${id}/replay`).send({ from: 'nonsense' }).expect(400);
  });

  test('admins manage subscribers; the secret is shown once', async () => {
    const created = await t
      .as('admin')
      .post('/v1/subscribers')
      .send({ url: 'https://hooks.example.id/redaksi', secret: 'a-long-enough-shared-secret-1234' })
      .expect(201);
    expect(created.headers.location).toBe(`/v1/subscribers/${created.body.id as string}`);
    expect(created.body).toMatchObject({
      secret: 'a-long-enough-shared-secret-1234',
      secretHint: '…1234',
      eventTypes: expect.arrayContaining(['article.published', 'article.related-changed']),
    });
    const shown = await t
      .as('admin')
      .get(`/v1/subscribers/${created.body.id as string}`)
      .expect(200);
    expect(JSON.stringify(shown.body)).not.toContain('a-long-enough-shared-secret');
    const listed = await t.as('admin').get('/v1/subscribers').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain('shared-secret');
    expect(JSON.stringify(listed.body)).not.toContain(subscribed.healthy.secret);

    for (const who of ['service', 'editor', 'writer', 'auditor'] as const) {
      await t.as(who).get('/v1/subscribers').expect(403);
      await t.as(who).post('/v1/subscribers').send({ url: 'https://hooks.example.id/x' }).expect(403);
    }
    const invalid = await t.as('admin').post('/v1/subscribers').send({ url: 'ftp://hooks.example.id/x' }).expect(400);
    expect(invalid.body.errors).toEqual([{ field: 'url', messages: ['must be an http or https URL'] }]);
    await t
      .as('admin')
      .post('/v1/subscribers')
      .send({ url: 'https://hooks.example.id/x', eventTypes: ['ArticleDrafted'] })
      .expect(400);
    await t.as('admin').post('/v1/subscribers').send({ url: 'https://hooks.example.id/x', secret: 'short' }).expect(400);

    await t
      .as('admin')
      .delete(`/v1/subscribers/${created.body.id as string}`)
      .expect(204);
    await t
      .as('admin')
      .get(`/v1/subscribers/${created.body.id as string}`)
      .expect(404);
    await t
      .as('admin')
      .get(`/v1/subscribers/${created.body.id as string}/deliveries`)
      .expect(404);
  });
});
