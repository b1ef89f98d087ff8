import type { AddressInfo } from 'node:net';
import { SseSessions } from '../../src/delivery/feed-stream/sse-sessions.js';
import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { articleIn } from '../support/article-fixtures.js';
import { type DeliveryStory, INTERNAL_MARKER, playDeliveryStory } from '../support/delivery-story.js';
import { SseClient } from '../support/sse-client.js';
import { startTestApp, type TestApp, type Who } from '../support/test-app.js';
import { waitUntil } from '../support/webhook-receiver.js';

/**
 * The pull feed and the server-sent event stream, on the real app over real HTTP: both give
 * the same public events in log order, resume exactly after a cursor, and never show anything
 * internal. The feed scans at most 6 article events per page, so pages come back short while
 * the log holds internal events only.
 */
describe('public feed and stream', () => {
  let t: TestApp;
  let baseUrl: string;
  let story: DeliveryStory;
  let feed: PublicEvent[];
  const clients: SseClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ delivery: { feed: { scanLimit: 6 }, stream: { heartbeatMs: 150 } } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    story = await playDeliveryStory(t);
    feed = await readWholeFeed('service', 3);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  async function readWholeFeed(who: Who, limit: number, after?: string): Promise<PublicEvent[]> {
    const events: PublicEvent[] = [];
    let cursor = after;
    for (let page = 0; page < 100; page++) {
      const query = new URLSearchParams({ limit: String(limit), ...(cursor === undefined ? {} : { after: cursor }) });
      const body = (await t.as(who).get(`/v1/feed?${query.toString()}`).expect(200)).body as {
        events: PublicEvent[];
        next: string | null;
        endOfFeed: boolean;
      };
      events.push(...body.events);
      if (body.endOfFeed) return events;
      expect(body.next).not.toBeNull();
      cursor = body.next!;
    }
    throw new Error('the feed did not end in 100 pages');
  }

  async function stream(headers: Record<string, string> = {}, query = ''): Promise<SseClient> {
    const client = await SseClient.connect(`${baseUrl}/v1/feed/stream${query}`, {
      Authorization: `Bearer ${t.tokens.service}`,
      ...headers,
    });
    clients.push(client);
    return client;
  }

  test('the feed has every public change, in log order, and nothing internal', () => {
    const key = new Map(Object.entries(story.articles).map(([name, id]) => [id, name]));
    expect(feed.map((event) => [key.get(event.articleId), event.type])).toEqual(story.expected);
    expect(JSON.stringify(feed)).not.toContain(INTERNAL_MARKER);
    expect(feed.some((event) => event.articleId === story.articles.draft)).toBe(false);
    expect(new Set(feed.map((event) => event.id)).size).toBe(feed.length);
    const positions = feed.map((event) => BigInt(event.position.commit));
    expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);

    const [published, , linked, corrected, unlinked, takedown, , withdrawn, , updated] = feed;
    expect(published).toMatchObject({
      data: { article: { author: { name: t.principals.writer.displayName }, editor: { name: t.principals.editor.displayName } } },
    });
    expect(linked).toMatchObject({
      data: {
        change: { action: 'linked', articleId: story.articles.b },
        article: { related: [{ articleId: story.articles.b, afterBlock: 1, headline: 'Banjir Rendam Ratusan Rumah di Pondok Aren' }] },
      },
    });
    expect(corrected).toMatchObject({
      data: {
        correction: { note: 'Jumlah pompa yang benar adalah 14 unit.' },
        article: { headline: 'BPBD Tangsel Siagakan 14 Pompa Air Jelang Puncak Musim Hujan' },
      },
    });
    expect(unlinked).toMatchObject({
      data: {
        change: { action: 'unlinked' },
        article: { headline: 'BPBD Tangsel Siagakan 14 Pompa Air Jelang Puncak Musim Hujan', related: [] },
      },
    });
    expect(takedown!.data).toEqual({ mode: 'takedown' });
    expect(withdrawn!.data).toEqual({ mode: 'withdraw', notice: 'Artikel ini ditarik karena narasumber meralat keterangannya.' });
    expect(updated).toMatchObject({ data: { article: { headline: 'BMKG: Hujan Lebat Berlanjut Hingga Awal Maret' } } });
  });

  test('a page that only read internal events is short, not the end, and moves the cursor on', async () => {
    const first = (await t.as('admin').get('/v1/feed?limit=100').expect(200)).body as {
      events: PublicEvent[];
      next: string;
      endOfFeed: boolean;
    };
    expect(first.endOfFeed).toBe(false);
    expect(first.events.length).toBeLessThan(feed.length);
    expect(await readWholeFeed('admin', 100)).toEqual(feed);
  });

  test('the stream gives the same sequence as the feed', async () => {
    const client = await stream();
    expect(client.status).toBe(200);
    await client.waitFor('every event', (c) => c.events().length >= feed.length);
    expect(client.events()).toEqual(feed.map((event) => ({ id: event.cursor, type: event.type, data: event })));
    client.close();
  });

  test('the stream resumes exactly after Last-Event-ID (or ?after=)', async () => {
    const resumed = await stream({ 'Last-Event-ID': feed[3]!.cursor });
    const after = await stream({}, `?after=${feed[6]!.cursor}`);
    await resumed.waitFor('the rest', (c) => c.events().length >= feed.length - 4);
    await after.waitFor('the rest', (c) => c.events().length >= feed.length - 7);
    expect(resumed.events().map((e) => e.data)).toEqual(feed.slice(4));
    expect(after.events().map((e) => e.data)).toEqual(feed.slice(7));
    resumed.close();
    after.close();
  });

  test('a live change reaches an open stream and the feed, and the stream resumes past it', async () => {
    const client = await stream();
    await client.waitFor('history', (c) => c.events().length >= feed.length);
    const e = await articleIn(t, 'published', { content: { headline: 'Tanggul Kali Angke Diperkuat' } });
    await client.waitFor('the live event', (c) => c.events().length >= feed.length + 1);
    const live = client.events().at(-1)!;
    expect(live).toMatchObject({
      type: 'article.published',
      data: { articleId: e, data: { article: { headline: 'Tanggul Kali Angke Diperkuat' } } },
    });
    expect(await readWholeFeed('service', 50, feed.at(-1)!.cursor)).toEqual([live.data]);
    client.close();

    const resumed = await stream({ 'Last-Event-ID': client.lastEventId! });
    await resumed.waitFor('heartbeat', (c) => c.comments.some((comment) => comment.startsWith('heartbeat')));
    expect(resumed.events()).toEqual([]);
    resumed.close();
    // A client that leaves releases its stream (and the subscription under it).
    await waitUntil('every stream released', () => t.app.get(SseSessions).size === 0, 5_000);
  });

  test('only service and admin keys read the feed; a bad cursor is a 400', async () => {
    for (const who of ['writer', 'editor', 'auditor'] as const) {
      await t.as(who).get('/v1/feed').expect(403);
      await t.as(who).get('/v1/feed/stream').expect(403);
    }
    await t.anonymous().get('/v1/feed').expect(401);
    const bad = await t.as('service').get('/v1/feed?after=not-a-cursor').expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ type: 'https://redaksi.dev/problems/invalid-cursor' });
    await t.as('service').get('/v1/feed/stream').set('Last-Event-ID', 'zzz').expect(400);
    await t.as('service').get('/v1/feed?limit=0').expect(400);
    await t.as('service').get('/v1/feed?limit=501').expect(400);
  });

  test('HEAD on the stream answers its headers and ends', async () => {
    const res = await t.anonymous().head('/v1/feed/stream').set('Authorization', `Bearer ${t.tokens.service}`).timeout(5_000).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
  });

  test('OpenAPI documents the feed and the stream', async () => {
    const document = (await t.anonymous().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.paths['/v1/feed']?.get?.responses['200']).toBeDefined();
    expect(document.paths['/v1/feed/stream']?.get).toBeDefined();
    expect(document.paths['/v1/subscribers']?.post).toBeDefined();
    expect(document.paths['/v1/subscribers/{id}/deliveries/{deliveryId}/redrive']?.post).toBeDefined();
  });
});

describe('feed stream on shutdown', () => {
  test('open streams are told why and closed, so the server can stop', async () => {
    const t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const client = await SseClient.connect(`http://127.0.0.1:${port}/v1/feed/stream`, { Authorization: `Bearer ${t.tokens.admin}` });
    try {
      await client.waitFor('caught up', (c) => c.comments.some((comment) => comment.startsWith('caught up')));
      const closing = Date.now();
      await t.close();
      expect(Date.now() - closing).toBeLessThan(5_000);
      await client.waitFor('the end', (c) => c.ended);
      const last = client.messages.at(-1)!;
      expect(last.event).toBe('disconnect');
      expect(JSON.parse(last.data!)).toEqual({ reason: 'server-shutdown', message: 'the server is shutting down' });
    } finally {
      client.close();
    }
  });
});
