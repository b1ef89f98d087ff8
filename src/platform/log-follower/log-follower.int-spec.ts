import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { Position } from '../event-store/event-store.port.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { type FollowedBatch, LogFollower, type LogFollowerOptions } from './log-follower.js';

const silent = pino({ level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('LogFollower', () => {
  let store: SqliteEventStore;
  const append = (stream: string, type = 'Noted', n = 1) =>
    store.appendToStream(
      stream,
      Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type, data: { i } })),
      { expectedRevision: 'any' },
    );

  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  /** A handler that commits the batch's position, as a read model commits its checkpoint with its rows. */
  function committing(overrides: Partial<LogFollowerOptions> = {}) {
    const seen: string[] = [];
    let checkpoint: Position | undefined;
    const follower = new LogFollower({
      name: 'test',
      store,
      logger: silent,
      retry: { initialDelayMs: 5, maxDelayMs: 10 },
      from: () => checkpoint ?? 'start',
      handle: (batch: FollowedBatch) => {
        for (const event of batch.events) seen.push(`${event.streamId}:${String(event.revision)}`);
        checkpoint = batch.position ?? checkpoint;
      },
      ...overrides,
    });
    return { follower, seen, checkpoint: () => checkpoint };
  }

  it('delivers the history, says it caught up, then delivers live events', async () => {
    await append('note-a', 'Noted', 3);
    const { follower, seen } = committing();
    follower.start();
    await follower.whenCaughtUp();
    expect(seen).toEqual(['note-a:0', 'note-a:1', 'note-a:2']);
    expect(follower.status().state).toBe('live');
    await append('note-b');
    await until(() => seen.length === 4);
    expect(seen.at(-1)).toBe('note-b:0');
    await follower.stop();
    expect(follower.status().state).toBe('stopped');
  });

  it('moves its position past filtered-out events', async () => {
    await append('note-a', 'Noted', 2);
    await append('other-a', 'Ignored', 5);
    const { follower, seen, checkpoint } = committing({ filter: { on: 'eventType', regex: '^Noted$' }, checkpointInterval: 1 });
    follower.start();
    await follower.whenCaughtUp();
    const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    await until(() => checkpoint()?.commit === last!.position.commit);
    expect(seen).toEqual(['note-a:0', 'note-a:1']);
    await follower.stop();
  });

  it('after a failing batch, backs off and delivers the same events again from the stored checkpoint', async () => {
    await append('note-a', 'Noted', 3);
    let failures = 0;
    const seen: string[] = [];
    let checkpoint: Position | undefined;
    const follower = new LogFollower({
      name: 'test',
      store,
      logger: silent,
      retry: { initialDelayMs: 5, maxDelayMs: 10 },
      batchSize: 1,
      from: () => checkpoint ?? 'start',
      handle: (batch) => {
        if (batch.events.some((event) => event.revision === 1n) && failures < 2) {
          failures++;
          throw new Error('disk full');
        }
        for (const event of batch.events) seen.push(String(event.revision));
        checkpoint = batch.position ?? checkpoint;
      },
    });
    follower.start();
    await until(() => follower.status().state === 'retrying');
    expect(follower.status()).toMatchObject({ consecutiveFailures: 1, failure: { message: 'disk full' } });
    await follower.whenCaughtUp();
    expect(seen).toEqual(['0', '1', '2']);
    expect(follower.status()).toMatchObject({ state: 'live', consecutiveFailures: 0, failure: undefined });
    await follower.stop();
  });

  it("stops and rejects run() when the failure's action is stop", async () => {
    await append('note-a');
    const { follower } = committing({
      handle: () => {
        throw new Error('bug');
      },
      onFailure: () => 'stop',
    });
    await expect(follower.run()).rejects.toThrow('bug');
    expect(follower.status().state).toBe('stopped');
  });

  it('with stopWhenCaughtUp, resolves run() once the history is in (a rebuild)', async () => {
    await append('note-a', 'Noted', 2);
    const { follower, seen } = committing({ stopWhenCaughtUp: true });
    await follower.run();
    expect(seen).toEqual(['note-a:0', 'note-a:1']);
  });

  it('restarts from where from() now says, at once, without counting a failure', async () => {
    await append('note-a', 'Noted', 2);
    let replay = false;
    let checkpoint: Position | undefined;
    const seen: string[] = [];
    const follower = new LogFollower({
      name: 'replay',
      store,
      logger: silent,
      from: () => (replay ? 'start' : (checkpoint ?? 'start')),
      handle: (batch) => {
        for (const event of batch.events) seen.push(String(event.revision));
        checkpoint = batch.position ?? checkpoint;
      },
    });
    follower.start();
    await follower.whenCaughtUp();
    expect(seen).toEqual(['0', '1']);
    replay = true;
    follower.restart();
    await until(() => seen.length === 4);
    expect(seen).toEqual(['0', '1', '0', '1']);
    expect(follower.status().consecutiveFailures).toBe(0);
    await follower.stop();
  });

  it('stops while a batch is handled: the batch finishes, nothing more is read', async () => {
    await append('note-a', 'Noted', 2);
    let release: () => void = () => undefined;
    let waiting = false;
    const handled: number[] = [];
    const follower = new LogFollower({
      name: 'slow',
      store,
      logger: silent,
      batchSize: 1,
      from: () => 'start',
      handle: async (batch) => {
        if (batch.events.length === 0) return;
        waiting = true;
        await new Promise<void>((resolve) => (release = resolve));
        handled.push(batch.events.length);
      },
    });
    follower.start();
    await until(() => waiting);
    const stopped = follower.stop();
    release();
    await stopped;
    expect(handled).toEqual([1]);
  });
});
