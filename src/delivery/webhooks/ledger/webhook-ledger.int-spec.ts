import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { pino } from 'pino';
import { SqliteEventStore } from '../../../platform/event-store/sqlite/sqlite-event-store.js';
import { loadDeliveryConfig } from '../../delivery-config.js';
import { Outbox } from '../deliveries/outbox.js';
import { openDeliveryDatabase } from '../delivery-database.js';
import { SubscriberStore } from '../subscribers/subscriber-store.js';
import { waitUntil } from '../../../../test/support/webhook-receiver.js';
import { ledgerStream } from './ledger-events.js';
import { SecretBox } from './secret-box.js';
import { LedgerBehindError, WebhookLedger } from './webhook-ledger.js';

const SUB = '9e2d4c1a-7b3f-4a56-8c9d-0e1f2a3b4c5d';
const delivery = (n: number) => ({
  eventId: randomUUID(),
  eventType: 'article.published',
  articleId: `article-${n}`,
  cursor: `c${n}`,
  payload: `{"n":${n}}`,
});

interface Instance {
  readonly ledger: WebhookLedger;
  readonly db: Database.Database;
  readonly subscribers: SubscriberStore;
  readonly outbox: Outbox;
}

/** Two instances' folds of one ledger, each with its own delivery.sqlite, over one event store. */
describe('the webhook ledger', () => {
  let dir: string;
  let store: SqliteEventStore;
  const key = randomBytes(32);
  const open: Instance[] = [];

  const instance = (name: string, start = true): Instance => {
    const db = openDeliveryDatabase(path.join(dir, name));
    const subscribers = new SubscriberStore(db);
    const outbox = new Outbox(db);
    const ledger = new WebhookLedger(
      store,
      db,
      loadDeliveryConfig({}, { webhooks: { ledgerWaitMs: 500 } }),
      pino({ level: 'silent' }),
      new SecretBox(key),
      subscribers,
      outbox,
    );
    if (start) ledger.start();
    const opened = { ledger, db, subscribers, outbox };
    open.push(opened);
    return opened;
  };
  const close = async (opened: Instance): Promise<void> => {
    open.splice(open.indexOf(opened), 1);
    await opened.ledger.stop();
    opened.db.close();
  };
  const register = (ledger: WebhookLedger) =>
    ledger.register({
      id: SUB,
      url: 'https://hooks.example.id/redaksi',
      eventTypes: ['article.published'],
      topics: [],
      secret: 'whsec_test',
      description: null,
      createdAt: 1,
      createdBy: 'admin-tono',
      checkpoint: null,
    });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'redaksi-ledger-'));
    store = SqliteEventStore.open({ path: path.join(dir, 'events.sqlite') });
  });

  afterEach(async () => {
    for (const opened of [...open]) await close(opened);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a write is folded before it returns, and every instance folds it the same way', async () => {
    const one = instance('one');
    const two = instance('two');
    expect(await register(one.ledger)).toBe(true);
    // The same registration again (a retried request) is stored once.
    expect(await register(two.ledger)).toBe(true);
    expect(await store.readStream(ledgerStream(SUB))).toHaveLength(1);
    expect(one.subscribers.get(SUB)).toMatchObject({ secret: 'whsec_test', generation: 1, checkpoint: null });
    expect(await one.ledger.enqueue(SUB, { generation: 1, from: null, to: 'p2', deliveries: [delivery(1), delivery(2)], at: 100 })).toBe(
      true,
    );
    // A deliverer that still thinks the subscriber is at the start (it lost its lease) is refused.
    expect(await two.ledger.enqueue(SUB, { generation: 1, from: null, to: 'p3', deliveries: [delivery(3)], at: 100 })).toBe(false);
    expect(await two.ledger.enqueue(SUB, { generation: 1, from: 'p2', to: 'p3', deliveries: [delivery(3)], at: 100 })).toBe(true);
    const [head] = two.outbox.dueHeads(SUB, 1_000, [], 1);
    await two.ledger.recordAttempt(
      SUB,
      head!.id,
      { attempt: 1, startedAt: 200, durationMs: 3, outcome: 'delivered', status: 204, error: null },
      { kind: 'delivered' },
    );
    await waitUntil('the first instance has folded everything', () => one.outbox.counts(SUB).delivered === 1);
    for (const { outbox, subscribers } of [one, two]) {
      expect(subscribers.get(SUB)?.checkpoint).toBe('p3');
      expect(outbox.counts(SUB)).toEqual({ pending: 2, delivered: 1, parked: 0, superseded: 0 });
    }
    expect(one.outbox.list(SUB, { limit: 10 })).toEqual(two.outbox.list(SUB, { limit: 10 }));
    // The secret is in the log only sealed.
    const [registered] = await store.readStream(ledgerStream(SUB));
    expect(JSON.stringify(registered!.data)).not.toContain('whsec_test');
  });

  test('a restarted fold goes on from its saved position, applying nothing twice', async () => {
    const one = instance('one');
    await register(one.ledger);
    await one.ledger.enqueue(SUB, { generation: 1, from: null, to: 'p1', deliveries: [delivery(1)], at: 100 });
    await close(one);
    const writer = instance('writer');
    await writer.ledger.redrive(SUB, null, 'admin-tono', 300);
    await writer.ledger.replay(SUB, null, 'admin-tono', 400);
    const again = instance('one');
    await waitUntil('the replay folded', () => again.subscribers.get(SUB)?.generation === 2);
    expect(again.outbox.counts(SUB)).toEqual({ pending: 0, delivered: 0, parked: 0, superseded: 1 });
    expect(again.ledger.status()).toMatchObject({ ok: true, live: true });
  });

  test('two processes on one data directory fold each event once', async () => {
    const one = instance('shared');
    const two = instance('shared');
    await register(one.ledger);
    await two.ledger.enqueue(SUB, { generation: 1, from: null, to: 'p1', deliveries: [delivery(1)], at: 100 });
    await one.ledger.replay(SUB, null, 'admin-tono', 200);
    await two.ledger.replay(SUB, 'p1', 'admin-tono', 300);
    await waitUntil('both have folded everything', () => one.ledger.status().position === two.ledger.status().position);
    // Folded twice, each replay would have counted twice.
    expect(one.subscribers.get(SUB)).toMatchObject({ generation: 3, checkpoint: 'p1' });
    expect(one.outbox.counts(SUB)).toEqual({ pending: 0, delivered: 0, parked: 0, superseded: 1 });
  });

  test('catching up waits until the fold holds everything the subscriber stream holds', async () => {
    const one = instance('one');
    const late = instance('late', false);
    await register(one.ledger);
    await one.ledger.enqueue(SUB, { generation: 1, from: null, to: 'p1', deliveries: [delivery(1)], at: 100 });
    const [head] = one.outbox.dueHeads(SUB, 1_000, [], 1);
    await one.ledger.recordAttempt(
      SUB,
      head!.id,
      { attempt: 1, startedAt: 200, durationMs: 3, outcome: 'delivered', status: 204, error: null },
      { kind: 'delivered' },
    );
    late.ledger.start();
    await late.ledger.catchUp(SUB);
    expect(late.outbox.counts(SUB)).toEqual({ pending: 0, delivered: 1, parked: 0, superseded: 0 });
    await late.ledger.catchUp('00000000-0000-4000-8000-00000000dead');
  });

  test('an event that cannot be folded stops the fold there, reported, without skipping it', async () => {
    const writer = instance('writer');
    await register(writer.ledger);
    await writer.ledger.enqueue(SUB, { generation: 1, from: null, to: 'p1', deliveries: [delivery(1)], at: 100 });
    await store.appendToStream(ledgerStream(SUB), [
      { id: randomUUID(), type: 'WebhookDeliveryAttempted', data: { deliveryId: 'not-a-uuid' } },
    ]);
    await store.appendToStream(ledgerStream(SUB), [
      { id: randomUUID(), type: 'WebhookSubscriberDeleted', data: { at: 1, by: 'admin-tono' } },
    ]);
    // Caught up in one batch: what comes before the bad event is folded, what comes after is not.
    const late = instance('late');
    await waitUntil('the failure is reported', () => !late.ledger.status().ok);
    expect(late.ledger.status().error).toMatch(/WebhookDeliveryAttempted does not match its schema/);
    expect(late.subscribers.get(SUB)).toMatchObject({ checkpoint: 'p1' });
    expect(late.outbox.counts(SUB).pending).toBe(1);
    await close(late);
    // After a restart it stops at the same event again.
    const again = instance('late');
    await waitUntil('the failure is reported again', () => !again.ledger.status().ok);
    expect(again.subscribers.get(SUB)).toBeDefined();
    expect(again.outbox.counts(SUB).pending).toBe(1);
    // A write through it reaches the log, but it says it cannot show it, instead of hanging.
    await expect(again.ledger.redrive(SUB, null, 'admin-tono', 500)).rejects.toBeInstanceOf(LedgerBehindError);
  });

  test('a subscriber sealed with another key is kept without its secret, and the fold goes on', async () => {
    const one = instance('one');
    // Sealed by an instance with a key this one does not have.
    const sealedElsewhere = new SecretBox(randomBytes(32)).seal('whsec_elsewhere', SUB);
    await store.appendToStream(ledgerStream(SUB), [
      {
        id: randomUUID(),
        type: 'WebhookSubscriberRegistered',
        data: {
          subscriberId: SUB,
          url: 'https://hooks.example.id/x',
          eventTypes: [],
          topics: [],
          description: null,
          createdAt: 1,
          createdBy: 'admin-tono',
          checkpoint: null,
          secret: { ...sealedElsewhere },
        },
      },
    ]);
    await one.ledger.enqueue(SUB, { generation: 1, from: null, to: 'p1', deliveries: [delivery(1)], at: 100 });
    expect(one.subscribers.get(SUB)).toMatchObject({ secret: null, checkpoint: 'p1' });
    expect(one.ledger.status().ok).toBe(true);
  });
});
