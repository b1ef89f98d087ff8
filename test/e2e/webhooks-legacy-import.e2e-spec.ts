import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PublicEvent } from '../../src/delivery/public-events/contract.js';
import { DELIVERY_DATABASE_FILE, LEGACY_DELIVERY_DATABASE_FILE } from '../../src/delivery/webhooks/delivery-database.js';
import { verifySignature } from '../../src/delivery/webhooks/signing.js';
import { articleIn } from '../support/article-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitUntil, WebhookReceiver } from '../support/webhook-receiver.js';

const SUBSCRIBER = '3b0c9a52-6d1e-4f7a-9c2b-5e8d7f1a0b44';
const LEGACY_SECRET = 'whsec_legacy-secret-from-schema-one';

/** A delivery.sqlite as schema 1 wrote it: the subscribers and their outbox were only here. */
function writeSchemaOne(
  file: string,
  url: string,
  checkpoint: string,
  events: { readonly event: PublicEvent; readonly status: 'pending' | 'delivered' }[],
): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE subscribers (id TEXT PRIMARY KEY, url TEXT NOT NULL, event_types TEXT NOT NULL, topics TEXT NOT NULL, secret TEXT NOT NULL,
      description TEXT, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, generation INTEGER NOT NULL, checkpoint TEXT);
    CREATE TABLE deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, subscriber_id TEXT NOT NULL, generation INTEGER NOT NULL,
      event_id TEXT NOT NULL, event_type TEXT NOT NULL, article_id TEXT NOT NULL, cursor TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL);
  `);
  db.prepare('INSERT INTO subscribers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    SUBSCRIBER,
    url,
    JSON.stringify(['article.published']),
    '[]',
    LEGACY_SECRET,
    'from before the ledger',
    1_700_000_000_000,
    'admin-tono',
    3,
    checkpoint,
  );
  const insert = db.prepare(
    'INSERT INTO deliveries (id, subscriber_id, generation, event_id, event_type, article_id, cursor, payload, status) VALUES (?, ?, 3, ?, ?, ?, ?, ?, ?)',
  );
  for (const [n, { event, status }] of events.entries())
    insert.run(`delivery-${n}`, SUBSCRIBER, event.id, event.type, event.articleId, event.cursor, JSON.stringify(event), status);
  db.pragma('user_version = 1');
  db.close();
}

/**
 * A data directory from before the webhook ledger: its delivery.sqlite (schema 1) held the only
 * copy of the subscribers. On start it is imported into the ledger once: the subscriber keeps
 * its id and secret, its undelivered delivery goes out, the delivered one does not, and delivery
 * carries on from its checkpoint.
 */
describe('a schema-1 delivery.sqlite is imported into the ledger', () => {
  let dataDir: string;
  const receiver = new WebhookReceiver();
  const delivery = { webhooks: { allowPrivateUrls: true, backoffBaseMs: 20, backoffMaxMs: 100 } };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-legacy-'));
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('subscribers and undelivered deliveries move into the log, once', async () => {
    let t: TestApp = await startTestApp({ dataDir, delivery });
    await articleIn(t, 'published');
    await articleIn(t, 'published');
    const [delivered, pending] = (await t.as('service').get('/v1/feed').expect(200)).body.events as PublicEvent[];
    await t.close();
    for (const suffix of ['', '-wal', '-shm']) await rm(path.join(dataDir, `${DELIVERY_DATABASE_FILE}${suffix}`), { force: true });
    writeSchemaOne(path.join(dataDir, DELIVERY_DATABASE_FILE), receiver.url, pending!.cursor, [
      { event: delivered!, status: 'delivered' },
      { event: pending!, status: 'pending' },
    ]);

    t = await startTestApp({ dataDir, delivery });
    const subscriber = (await t.as('admin').get(`/v1/subscribers/${SUBSCRIBER}`).expect(200)).body as {
      secretHint: string;
      checkpoint: string;
      description: string;
    };
    expect(subscriber).toMatchObject({ secretHint: `…${LEGACY_SECRET.slice(-4)}`, description: 'from before the ledger' });
    await waitUntil('the undelivered one delivered', () => receiver.accepted().length === 1);
    await articleIn(t, 'published');
    await waitUntil('a new one delivered too', () => receiver.accepted().length === 2);
    expect(existsSync(path.join(dataDir, LEGACY_DELIVERY_DATABASE_FILE))).toBe(false);
    expect(existsSync(path.join(dataDir, `${LEGACY_DELIVERY_DATABASE_FILE}.imported`))).toBe(true);
    await t.close();

    // Restarted: nothing is imported or sent again.
    t = await startTestApp({ dataDir, delivery });
    await articleIn(t, 'published');
    await waitUntil('only the newest delivered', () => receiver.accepted().length === 3);
    await t.close();

    const sent = receiver.requests.filter((request) => request.answered === 200);
    expect(sent).toHaveLength(3);
    expect(sent[0]!.headers['redaksi-event-id']).toBe(pending!.id);
    for (const request of sent) {
      expect(
        verifySignature(String(request.headers['redaksi-signature']), request.body, LEGACY_SECRET, Math.floor(Date.now() / 1000)),
      ).toMatchObject({ valid: true });
    }
  }, 60_000);
});
