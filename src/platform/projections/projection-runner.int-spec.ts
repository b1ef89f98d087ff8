import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { createLogger } from '../logging/logger.js';
import { captureLogs } from '../logging/test-support.js';
import { Generations } from './generations.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { openReadModelDatabase, type ReadModelDatabase } from './read-model-database.js';
import { rebuildProjection } from './rebuild.js';

/** Records every event it applies; refuses the events named in `broken` (a bug, until it is "fixed"). */
function tallyProjection(broken: Set<string>, version = 1): Projection<'seen'> {
  return {
    name: 'tally',
    version,
    eventTypes: ['Tallied'],
    tables: ['seen'],
    setup: (db, t) => db.exec(`CREATE TABLE ${t.seen} (event_id TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`),
    writer: (db, t) => {
      const insert = db.prepare(`INSERT INTO ${t.seen} (event_id, n) VALUES (?, ?)`);
      return {
        apply: (event) => {
          if (broken.has(event.id)) throw new TypeError('cannot read property of undefined');
          insert.run(event.id, (event.data as { n: number }).n * version);
        },
      };
    },
  };
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ProjectionRunner', () => {
  let store: SqliteEventStore;
  let dir: string;
  let database: ReadModelDatabase;
  beforeEach(async () => {
    store = SqliteEventStore.open({ path: ':memory:' });
    dir = await mkdtemp(path.join(tmpdir(), 'redaksi-runner-'));
    database = openReadModelDatabase(dir);
  });
  afterEach(async () => {
    database.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const append = async (from: number, to: number): Promise<void> => {
    for (let n = from; n <= to; n++) {
      await store.appendToStream('tally-1', [
        { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'Tallied', data: { n } },
      ]);
      await store.appendToStream('noise-1', [{ id: crypto.randomUUID(), type: 'Ignored', data: {} }]);
    }
  };
  const seen = (generation: number): number[] =>
    database.writer
      .prepare<[], { n: number }>(`SELECT n FROM rm_tally_g${generation}_seen ORDER BY n`)
      .all()
      .map((row) => row.n);

  test('stops on the event it cannot apply, reports it, and resumes from that same event once fixed', async () => {
    await append(1, 5);
    const broken = new Set(['00000000-0000-4000-8000-000000000003']);
    const logs = captureLogs();
    const runner = new ProjectionRunner({
      store,
      db: database.writer,
      projection: tallyProjection(broken),
      logger: createLogger({ level: 'info', destination: logs }),
      retry: { initialDelayMs: 20, maxDelayMs: 40 },
    });
    runner.start();
    try {
      const generations = new Generations(database.writer);
      await until(() => (generations.active('tally')?.failures ?? 0) >= 2);
      const failed = generations.active('tally')!;
      expect(seen(failed.generation)).toEqual([1, 2]);
      expect(failed.failedEvent).toEqual({
        position: expect.stringMatching(/^\d+$/),
        eventId: '00000000-0000-4000-8000-000000000003',
        type: 'Tallied',
        streamId: 'tally-1',
        error: 'TypeError',
        at: expect.any(String),
      });
      // The checkpoint is the event before: the failed one comes again, nothing after it was applied.
      expect(failed.checkpoint!.commit).toBe(BigInt(failed.failedEvent!.position) - 2n);
      expect(runner.status()).toMatchObject({ state: 'retrying', consecutiveFailures: expect.any(Number) });
      expect(logs.lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          projection: 'tally',
          eventId: '00000000-0000-4000-8000-000000000003',
          eventType: 'Tallied',
          streamId: 'tally-1',
        }),
      );

      broken.clear(); // the fix
      await append(6, 7);
      await until(() => seen(failed.generation).length === 7);
      await until(() => runner.status().state === 'live');
      expect(seen(failed.generation)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(generations.active('tally')).toMatchObject({ failedEvent: undefined, eventsApplied: 7 });
    } finally {
      await runner.stop();
    }
    expect(runner.status().state).toBe('stopped');
  });

  test('a new version builds a new generation while the old one is served, then switches', async () => {
    await append(1, 3);
    const logger = createLogger({ level: 'silent' });
    const v1 = new ProjectionRunner({ store, db: database.writer, projection: tallyProjection(new Set()), logger });
    v1.start();
    const generations = new Generations(database.writer);
    await until(() => generations.active('tally')?.eventsApplied === 3);
    await v1.stop();
    expect(generations.active('tally')).toMatchObject({ generation: 1, version: 1 });

    const v2 = new ProjectionRunner({ store, db: database.writer, projection: tallyProjection(new Set(), 2), logger });
    v2.start();
    try {
      await until(() => generations.active('tally')?.version === 2);
      expect(generations.all().map((g) => [g.generation, g.version, g.state])).toEqual([[2, 2, 'active']]);
      expect(seen(2)).toEqual([2, 4, 6]);
      // Generation 1's tables went with the switch.
      expect(database.writer.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'rm_tally_g1_%'").get()).toEqual({ n: 0 });
    } finally {
      await v2.stop();
    }
  });

  test('a runner on a generation that a rebuild replaced moves to the new one and continues', async () => {
    await append(1, 3);
    const runner = new ProjectionRunner({
      store,
      db: database.writer,
      projection: tallyProjection(new Set()),
      logger: createLogger({ level: 'silent' }),
    });
    runner.start();
    try {
      const generations = new Generations(database.writer);
      await until(() => generations.active('tally')?.eventsApplied === 3);
      const checkpointEvery = database.writer.pragma('wal_autocheckpoint', { simple: true });
      const summary = await rebuildProjection({ store, db: database.writer, projection: tallyProjection(new Set()) });
      expect(summary).toMatchObject({ projection: 'tally', generation: 2, events: 3 });
      // The rebuild checkpoints less often while it runs, and puts the setting back.
      expect(database.writer.pragma('wal_autocheckpoint', { simple: true })).toBe(checkpointEvery);
      await append(4, 5);
      await until(() => runner.status().generation === 2 && seen(2).length === 5);
      expect(seen(2)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await runner.stop();
    }
  });
});
