/**
 * EVENT_STORE_CONTRACT.md cases 30–32: projections built on an adapter's subscriptions. Written once and
 * run against every adapter, with the real read models (publishing, desk) on a fresh read-model file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { EventStore } from '../../src/platform/event-store/event-store.port.js';
import { ALL_PROJECTIONS } from '../../src/read-models/all-projections.js';
import { GenerationWriter } from '../../src/platform/projections/generation-writer.js';
import { Generations } from '../../src/platform/projections/generations.js';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner.js';
import { openReadModelDatabase, type ReadModelDatabase } from '../../src/platform/projections/read-model-database.js';
import { rebuildProjection } from '../../src/platform/projections/rebuild.js';
import { appendNewsroomLog } from '../support/newsroom-log.js';
import { dumpReadModels } from '../support/read-model-dump.js';

export interface ProjectionContractFixture {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

const silent = pino({ level: 'silent' });

async function headOf(store: EventStore): Promise<bigint> {
  const [last] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
  return last?.position.commit ?? 0n;
}

/** Until every projection's active checkpoint is at the head of the log. */
async function caughtUp(store: EventStore, database: ReadModelDatabase, ms = 15_000): Promise<void> {
  const generations = new Generations(database.writer);
  const deadline = Date.now() + ms;
  for (;;) {
    const head = await headOf(store);
    if (ALL_PROJECTIONS.every((p) => (generations.active(p.name)?.checkpoint?.commit ?? -1n) >= head)) return;
    if (Date.now() > deadline)
      throw new Error(
        `Projections did not reach ${String(head)}: ${JSON.stringify(generations.all(), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function runners(store: EventStore, database: ReadModelDatabase): ProjectionRunner[] {
  return ALL_PROJECTIONS.map(
    (projection) => new ProjectionRunner({ store, db: database.writer, projection, logger: silent, batchSize: 64 }),
  );
}

async function rebuildAll(store: EventStore, database: ReadModelDatabase): Promise<void> {
  for (const projection of ALL_PROJECTIONS) await rebuildProjection({ store, db: database.writer, projection });
}

export function describeProjectionContract(name: string, factory: () => Promise<ProjectionContractFixture>): void {
  describe(`Projection contract: ${name}`, () => {
    let fixture: ProjectionContractFixture;
    let dir: string;
    let database: ReadModelDatabase;
    const started: ProjectionRunner[] = [];

    beforeEach(async () => {
      fixture = await factory();
      dir = await mkdtemp(path.join(tmpdir(), 'redaksi-projection-contract-'));
      database = openReadModelDatabase(dir);
    });
    afterEach(async () => {
      await Promise.all(started.splice(0).map((runner) => runner.stop()));
      database.close();
      await fixture.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    const start = (...list: ProjectionRunner[]): void => {
      for (const runner of list) {
        started.push(runner);
        runner.start();
      }
    };

    test('30. a projection rebuilt from scratch equals the incrementally built one', async () => {
      const { store } = fixture;
      await appendNewsroomLog(store, { articles: 30, seed: 1 }); // history, caught up on start
      start(...runners(store, database));
      await appendNewsroomLog(store, { articles: 30, seed: 2 }); // live, while the runners follow
      await caughtUp(store, database);
      const incremental = dumpReadModels(database.writer, ALL_PROJECTIONS);
      expect(incremental.publishing!.articles!.length).toBeGreaterThan(10);

      await rebuildAll(store, database);
      expect(dumpReadModels(database.writer, ALL_PROJECTIONS)).toEqual(incremental);

      // And built in another file from nothing, with other batch boundaries.
      const otherDir = await mkdtemp(path.join(tmpdir(), 'redaksi-projection-contract-'));
      const other = openReadModelDatabase(otherDir);
      try {
        for (const projection of ALL_PROJECTIONS) await rebuildProjection({ store, db: other.writer, projection, batchSize: 7 });
        expect(dumpReadModels(other.writer, ALL_PROJECTIONS)).toEqual(incremental);
      } finally {
        other.close();
        await rm(otherDir, { recursive: true, force: true });
      }
    });

    test('31. applying the same event twice is harmless: the checkpoint guards it', async () => {
      const { store } = fixture;
      await appendNewsroomLog(store, { articles: 20, seed: 3 });
      // Two runners per projection on one file, as an inline API and a projector would be.
      start(...runners(store, database), ...runners(store, database));
      await appendNewsroomLog(store, { articles: 20, seed: 4 });
      await caughtUp(store, database);
      const before = dumpReadModels(database.writer, ALL_PROJECTIONS);
      const counts = new Generations(database.writer).all().map((g) => [g.projection, g.eventsApplied]);

      // Every event delivered once more, straight to the writer.
      const everything = await store.readAll();
      const generations = new Generations(database.writer);
      for (const projection of ALL_PROJECTIONS) {
        const mine = everything.filter((event) => projection.eventTypes.includes(event.type));
        const writer = new GenerationWriter(database.writer, projection, generations.active(projection.name)!.generation);
        expect(writer.commit({ events: mine, position: mine.at(-1)?.position }, { now: new Date() })).toMatchObject({
          applied: 0,
          skipped: mine.length,
        });
      }
      expect(dumpReadModels(database.writer, ALL_PROJECTIONS)).toEqual(before);
      expect(generations.all().map((g) => [g.projection, g.eventsApplied])).toEqual(counts);
      const matching = ALL_PROJECTIONS.map((p) => [p.name, everything.filter((event) => p.eventTypes.includes(event.type)).length]);
      expect(counts).toEqual(expect.arrayContaining(matching));

      await rebuildAll(store, database);
      expect(dumpReadModels(database.writer, ALL_PROJECTIONS)).toEqual(before);
    });

    test('32. checkpoint and read-model write are atomic: a failure between them leaves neither', async () => {
      const { store } = fixture;
      await appendNewsroomLog(store, { articles: 10, seed: 5 });
      start(...runners(store, database));
      await caughtUp(store, database);
      await Promise.all(started.splice(0).map((runner) => runner.stop()));
      const before = dumpReadModels(database.writer, ALL_PROJECTIONS);
      const generations = new Generations(database.writer);
      const checkpoints = generations.all().map((g) => g.checkpoint);

      const from = await headOf(store);
      await appendNewsroomLog(store, { articles: 10, seed: 6 });
      const fresh = (await store.readAll()).filter((event) => event.position.commit > from);
      // The checkpoint write fails after the projection has applied the batch (as a crash there would).
      database.writer.exec(`CREATE TRIGGER fail_checkpoint BEFORE UPDATE OF checkpoint_commit ON projection_generations
                            BEGIN SELECT RAISE(ABORT, 'simulated crash before the checkpoint'); END`);
      for (const projection of ALL_PROJECTIONS) {
        const mine = fresh.filter((event) => projection.eventTypes.includes(event.type));
        const writer = new GenerationWriter(database.writer, projection, generations.active(projection.name)!.generation);
        expect(() => writer.commit({ events: mine, position: fresh.at(-1)!.position }, { now: new Date() })).toThrow('simulated crash');
      }
      expect(dumpReadModels(database.writer, ALL_PROJECTIONS)).toEqual(before);
      expect(generations.all().map((g) => g.checkpoint)).toEqual(checkpoints);

      database.writer.exec('DROP TRIGGER fail_checkpoint');
      start(...runners(store, database));
      await caughtUp(store, database);
      const resumed = dumpReadModels(database.writer, ALL_PROJECTIONS);
      await rebuildAll(store, database);
      expect(dumpReadModels(database.writer, ALL_PROJECTIONS)).toEqual(resumed);
    });
  });
}
