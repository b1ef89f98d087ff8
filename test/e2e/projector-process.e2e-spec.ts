import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type Database from 'better-sqlite3';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { ALL_PROJECTIONS } from '../../src/read-models/all-projections.js';
import { Generations } from '../../src/platform/projections/generations.js';
import { openReadModelDatabase } from '../../src/platform/projections/read-model-database.js';
import { rebuildProjection } from '../../src/platform/projections/rebuild.js';
import { appendNewsroomLog } from '../support/newsroom-log.js';
import { dumpReadModels, openReadModelFile } from '../support/read-model-dump.js';
import { PROJECT_ROOT } from '../support/server-process.js';
import { startTestApp } from '../support/test-app.js';

interface Projector {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

function startProjector(dataDir: string): Projector {
  const child = spawn(process.execPath, ['dist/projector.js'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REDAKSI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/** The lowest active checkpoint across projections, read from the file as another process sees it. */
function lowestCheckpoint(db: Database.Database): bigint {
  const generations = new Generations(db);
  return ALL_PROJECTIONS.reduce((low, p) => {
    const at = generations.active(p.name)?.checkpoint?.commit ?? 0n;
    return at < low ? at : low;
  }, BigInt(Number.MAX_SAFE_INTEGER));
}

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * The projector as its own process (npm run start:projector), killed with SIGKILL in the middle of its
 * work and started again; the API with REDAKSI_PROJECTIONS=off reading what it writes; and the rebuild
 * CLI swapping models under both.
 */
describe('projector process', () => {
  let dataDir: string;
  let head: bigint;
  let readModels: Database.Database | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-projector-'));
    const store = SqliteEventStore.open({ path: path.join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
    try {
      await appendNewsroomLog(store, { articles: 1500, seed: 7 });
      const [last] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
      head = last!.position.commit;
    } finally {
      await store.close();
    }
  }, 200_000);

  afterAll(async () => {
    readModels?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('SIGKILL mid-catch-up, restart: the read models equal a fresh rebuild, every event applied once', async () => {
    const killedAt: bigint[] = [];
    for (let round = 0; round < 3; round++) {
      const projector = startProjector(dataDir);
      const previous = killedAt.at(-1) ?? 0n;
      await until(() => {
        if (projector.child.exitCode !== null) throw new Error(`projector exited: ${projector.stderr()}`);
        readModels ??= tryOpen(dataDir);
        return readModels !== undefined && lowestCheckpoint(readModels) > previous;
      }, 'the projector to make progress');
      projector.child.kill('SIGKILL');
      await projector.exited;
      killedAt.push(lowestCheckpoint(readModels!));
    }
    // Each kill landed while there was still work to do, or this test proves nothing.
    expect(killedAt.at(-1)!).toBeLessThan(head);

    const projector = startProjector(dataDir);
    await until(() => lowestCheckpoint(readModels!) >= head, 'the projector to catch up');
    projector.child.kill('SIGTERM');
    expect(await projector.exited).toBe(0);

    const afterCrashes = dumpReadModels(readModels!, ALL_PROJECTIONS);
    const store = SqliteEventStore.open({ path: path.join(dataDir, 'events.sqlite') });
    const freshDir = await mkdtemp(path.join(tmpdir(), 'redaksi-projector-fresh-'));
    const fresh = openReadModelDatabase(freshDir);
    try {
      for (const projection of ALL_PROJECTIONS) await rebuildProjection({ store, db: fresh.writer, projection });
      expect(afterCrashes).toEqual(dumpReadModels(fresh.writer, ALL_PROJECTIONS));
      const everything = await store.readAll();
      const generations = new Generations(readModels!);
      for (const projection of ALL_PROJECTIONS) {
        const matching = everything.filter((event) => projection.eventTypes.includes(event.type)).length;
        expect([projection.name, generations.active(projection.name)!.eventsApplied]).toEqual([projection.name, matching]);
      }
    } finally {
      fresh.close();
      await store.close();
      await rm(freshDir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the API with projections off serves the projector’s models; the rebuild CLI swaps them under both', async () => {
    const projector = startProjector(dataDir);
    // The scheduler would publish the log's long-due schedules now; this test is about reading.
    const t = await startTestApp({ dataDir, env: { REDAKSI_PROJECTIONS: 'off' }, scheduler: { enabled: false } });
    try {
      const created = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, headline: 'Ditulis Saat Proyektor Terpisah' })
        .expect(201);
      const read = await t
        .as('writer')
        .get(`/v1/desk/mine?waitFor=${created.headers['x-event-position'] as string}`)
        .expect(200);
      expect(read.headers['x-read-model-caught-up']).toBe('true');
      expect(read.body.items[0]).toMatchObject({ id: created.body.id, headline: 'Ditulis Saat Proyektor Terpisah' });
      const before = (await t.anonymous().get('/health').expect(200)).body.checks.projections.details;
      expect(before.desk.runner).toBeNull(); // not run by this process

      const { stdout } = await promisify(execFile)(process.execPath, ['dist/cli/rebuild-projections.js', 'desk'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, REDAKSI_DATA_DIR: dataDir },
      });
      expect(stdout).toMatch(/^desk: \d+ events in \d+\.\d\d s \(\d+ events\/s\), generation \d+ is active at position \d+$/m);
      expect(stdout).toMatch(/^rebuilt 1 read model\(s\): \d+ events in /m);

      const after = (await t.anonymous().get('/health').expect(200)).body.checks.projections.details;
      expect(after.desk.active.generation).toBeGreaterThan(before.desk.active.generation);
      expect(after.publishing.active.generation).toBe(before.publishing.active.generation);
      // The projector continues on the new generation: a new command is reflected there.
      const second = await t
        .as('writer')
        .post('/v1/articles')
        .send({ ...sampleArticleContent, headline: 'Setelah Pembangunan Ulang' })
        .expect(201);
      const again = await t
        .as('writer')
        .get(`/v1/desk/mine?waitFor=${second.headers['x-event-position'] as string}`)
        .expect(200);
      expect(again.headers['x-read-model-caught-up']).toBe('true');
      expect(again.body.items[0]).toMatchObject({ id: second.body.id });
    } finally {
      await t.close();
      projector.child.kill('SIGTERM');
      await projector.exited;
    }
  }, 60_000);
});

function tryOpen(dataDir: string): Database.Database | undefined {
  try {
    const db = openReadModelFile(dataDir);
    new Generations(db); // the projector has created the bookkeeping tables
    return db;
  } catch {
    return undefined;
  }
}
