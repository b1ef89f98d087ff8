import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDeliveryDatabase } from '../delivery-database.js';
import { SubscriberStore } from '../subscribers/subscriber-store.js';
import { type AttemptRecord, type NewDelivery, Outbox } from './outbox.js';

const SUB = '5c1f9f0e-9a43-4d3b-9d0e-6f2f1c3b7a10';
const delivery = (n: number, articleId: string): NewDelivery => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  eventType: 'article.published',
  articleId,
  cursor: `c${n}`,
  payload: JSON.stringify({ n }),
});
const attempt = (outcome: AttemptRecord['outcome'], status: number | null): AttemptRecord => ({
  attempt: 1,
  startedAt: 1_000,
  durationMs: 5,
  outcome,
  status,
  error: outcome === 'delivered' ? null : `HTTP ${String(status)}`,
});

describe('the outbox (delivery.sqlite)', () => {
  let dir: string;
  let db: Database.Database;
  let outbox: Outbox;
  let subscribers: SubscriberStore;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'redaksi-outbox-'));
    db = openDeliveryDatabase(dir);
    outbox = new Outbox(db);
    subscribers = new SubscriberStore(db);
    subscribers.create({
      id: SUB,
      url: 'http://127.0.0.1:1/hook',
      eventTypes: ['article.published'],
      topics: [],
      secret: 's'.repeat(32),
      description: null,
      createdAt: 0,
      createdBy: 'admin-tono',
      checkpoint: null,
    });
  });

  afterEach(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const enqueue = (generation: number, from: string | null, deliveries: NewDelivery[], to: string, at: number) =>
    outbox.enqueue(SUB, { generation, from, to, deliveries, at });
  const heads = (busy: string[] = []) => outbox.dueHeads(SUB, 10_000, busy, 10).map((d) => d.cursor);

  test('enqueues with the checkpoint in one transaction, durably, and only for the current generation and checkpoint', () => {
    expect(enqueue(1, null, [delivery(1, 'a'), delivery(2, 'b')], 'p2', 100)).toBe(true);
    expect(enqueue(1, 'p2', [delivery(1, 'a')], 'p2', 100)).toBe(true); // the same event again: ignored
    expect(enqueue(7, 'p2', [delivery(3, 'a')], 'p3', 100)).toBe(false);
    // A batch that does not continue from the checkpoint (a deliverer that lost its lease) changes nothing.
    expect(enqueue(1, null, [delivery(3, 'a')], 'p3', 100)).toBe(false);
    db.close();
    db = openDeliveryDatabase(dir);
    outbox = new Outbox(db);
    expect(new SubscriberStore(db).get(SUB)?.checkpoint).toBe('p2');
    expect(outbox.counts(SUB)).toEqual({ pending: 2, delivered: 0, parked: 0, superseded: 0 });
  });

  test('sends one delivery per article at a time, oldest first', () => {
    enqueue(1, null, [delivery(1, 'a'), delivery(2, 'a'), delivery(3, 'b'), delivery(4, 'a')], 'p4', 100);
    expect(heads()).toEqual(['c1', 'c3']);
    const [first] = outbox.dueHeads(SUB, 10_000, [], 1);
    expect(heads([first!.id])).toEqual(['c3']);
    outbox.recordAttempt(first!, attempt('delivered', 200), { kind: 'delivered' });
    outbox.recordAttempt(first!, attempt('delivered', 200), { kind: 'delivered' }); // folded twice: recorded once
    expect(outbox.attempts(first!.id)).toHaveLength(1);
    expect(heads()).toEqual(['c2', 'c3']);
    expect(outbox.nextAttemptAt(SUB, [])).toBe(100);
  });

  test('a retry waits for its time, and the article waits with it', () => {
    enqueue(1, null, [delivery(1, 'a'), delivery(2, 'a')], 'p2', 100);
    const [head] = outbox.dueHeads(SUB, 10_000, [], 1);
    outbox.recordAttempt(head!, attempt('retry', 503), { kind: 'retry', at: 20_000 });
    expect(heads()).toEqual([]);
    expect(outbox.nextAttemptAt(SUB, [])).toBe(20_000);
    expect(outbox.dueHeads(SUB, 20_000, [], 10).map((d) => [d.cursor, d.roundAttempts])).toEqual([['c1', 1]]);
  });

  test('parking an article parks what follows it, and what comes later; other articles go on', () => {
    enqueue(1, null, [delivery(1, 'a'), delivery(2, 'a'), delivery(3, 'b')], 'p3', 100);
    const [head] = outbox.dueHeads(SUB, 10_000, [], 1);
    outbox.recordAttempt(head!, attempt('failed', 410), { kind: 'park', reason: 'permanent failure: HTTP 410' });
    enqueue(1, 'p3', [delivery(4, 'a'), delivery(5, 'b')], 'p5', 200);
    expect(heads()).toEqual(['c3']);
    const parked = outbox.list(SUB, { status: 'parked', limit: 10 });
    expect(parked.map((d) => [d.cursor, d.parkedReason])).toEqual([
      ['c4', `waiting behind parked delivery ${head!.id} of the same article`],
      ['c2', `waiting behind parked delivery ${head!.id} of the same article`],
      ['c1', 'permanent failure: HTTP 410'],
    ]);

    // Re-driving a later one brings back the whole chain, with the oldest at its head.
    expect(outbox.redrive(SUB, parked[0]!.id, 300)).toEqual({ redriven: 3 });
    expect(heads()).toEqual(['c1', 'c3']);
    expect(outbox.redrive(SUB, parked[0]!.id, 300)).toBe('not-parked');
    expect(outbox.redrive(SUB, '00000000-0000-4000-8000-000000000000', 300)).toBe('not-found');
  });

  test('a replay supersedes what is outstanding; a late answer for it changes nothing', () => {
    enqueue(1, null, [delivery(1, 'a'), delivery(2, 'b')], 'p2', 100);
    const [inFlight] = outbox.dueHeads(SUB, 10_000, [], 1);
    expect(outbox.replay(SUB, null)).toEqual({ generation: 2, superseded: 2 });
    outbox.recordAttempt(inFlight!, attempt('delivered', 200), { kind: 'delivered' });
    expect(outbox.counts(SUB)).toEqual({ pending: 0, delivered: 0, parked: 0, superseded: 2 });
    expect(subscribers.get(SUB)).toMatchObject({ generation: 2, checkpoint: null });
    expect(enqueue(1, 'p2', [delivery(3, 'a')], 'p3', 100)).toBe(false);
    expect(enqueue(2, null, [delivery(1, 'a')], 'p1', 100)).toBe(true);
    expect(heads()).toEqual(['c1']);
  });

  test('keeps a bounded log of finished deliveries', () => {
    enqueue(
      1,
      null,
      Array.from({ length: 6 }, (_, n) => delivery(n + 1, `article-${n}`)),
      'p6',
      100,
    );
    for (const head of outbox.dueHeads(SUB, 10_000, [], 10)) outbox.recordAttempt(head, attempt('delivered', 200), { kind: 'delivered' });
    outbox.prune(SUB, 4);
    expect(outbox.list(SUB, { limit: 10 }).map((d) => d.cursor)).toEqual(['c6', 'c5', 'c4', 'c3']);
    expect(outbox.list(SUB, { limit: 2, before: outbox.list(SUB, { limit: 1 })[0]!.id }).map((d) => d.cursor)).toEqual(['c5', 'c4']);
  });

  test('deleting the subscriber deletes its deliveries; a late answer is dropped quietly', () => {
    enqueue(1, null, [delivery(1, 'a')], 'p1', 100);
    const [inFlight] = outbox.dueHeads(SUB, 10_000, [], 1);
    expect(subscribers.delete(SUB)).toBe(true);
    expect(outbox.counts(SUB)).toEqual({ pending: 0, delivered: 0, parked: 0, superseded: 0 });
    expect(() => outbox.recordAttempt(inFlight!, attempt('delivered', 200), { kind: 'delivered' })).not.toThrow();
  });
});
