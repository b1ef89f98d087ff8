import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { EMBEDDED_STORE_FILE } from '../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../src/platform/event-store/sqlite/sqlite-event-store.js';
import { writeApiKeys } from '../test/support/api-keys-fixture.js';
import { startServer } from '../test/support/server-process.js';
import { type Benchmark, type BenchContext, ratio } from './lib/benchmark.js';
import { perSecond } from './lib/latency.js';
import { LOAD_ARTICLES, LOAD_CONNECTIONS, revisionLoad, seedDrafts } from './lib/revision-load.js';
import type { Cell } from './lib/results.js';
import { seededStore } from './lib/seeded-store.js';
import { atLeast, atMost } from './lib/targets.js';
import { waitUntilIdle } from './lib/process-idle.js';
import { REBUILD_CHILD, rebuildInChild } from './projection-rebuild.bench.js';

const CONNECTIONS = LOAD_CONNECTIONS;
const ARTICLES = LOAD_ARTICLES;

interface LoadResult {
  readonly storedEvents: number;
  readonly storeBytes: number;
  readonly idleWaitMs: number;
  readonly seconds: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly commandsPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly eventsAppended: number;
}

export const httpBenchmark: Benchmark = {
  name: 'http',
  title: 'The whole service: HTTP commands through the real app',
  async run(ctx) {
    // Events stored besides the 1,000 drafts that take the load.
    const fillers = ctx.quick ? [0, 20_000] : [0, 1_000_000];
    const durationS = ctx.quick ? 3 : 10;
    const warmupS = ctx.quick ? 1 : 3;
    const results: LoadResult[] = [];
    for (const filler of fillers) results.push(await loadOneStore(ctx, filler, durationS, warmupS));

    const [small, large] = [results[0]!, results[1]!];
    const rows: Cell[][] = results.map((r) => [
      r.storedEvents,
      Math.round(r.storeBytes / 1024 ** 2),
      r.commandsPerSecond,
      r.p50Ms,
      r.p90Ms,
      r.p99Ms,
      r.maxMs,
      r.ok,
      r.non2xx,
      r.errors + r.timeouts,
      r.eventsAppended,
    ]);
    const growth = ratio(large.p50Ms, small.p50Ms) ?? NaN;
    const worst = results.reduce((a, b) => (a.commandsPerSecond < b.commandsPerSecond ? a : b));
    const worstP99 = Math.max(...results.map((r) => r.p99Ms));
    return {
      status: 'measured',
      durability:
        "the app's defaults: embedded store with synchronous=FULL (every acknowledged command is on disk), projections inline (REDAKSI_PROJECTIONS default), LOG_LEVEL=info with one log line per request (to /dev/null)",
      method:
        `\`npm run build\`, then for each store size: a fresh data directory seeded through the EventStore port (valid article streams decided by the real decider: ` +
        `${ARTICLES.toLocaleString('en-US')} one-event drafts by the writer, plus, for the large store, 1,000,000 events in 10-event streams of published articles) and its read models built (src/projections rebuild, as a deployed service would have them), the real server (\`node dist/main.js\`, createApp, 127.0.0.1) started as a child process ` +
        `and left until idle (read models caught up), then autocannon from the benchmark process: ${CONNECTIONS} connections, ${warmupS} s warm-up (not counted), ${durationS} s measured, ` +
        `\`PUT /v1/articles/{id}/content\` with the writer's bearer token and a new ~2.5 KB body every request, round-robin over the ${ARTICLES.toLocaleString('en-US')} drafts ` +
        `(so no two requests in flight touch the same article). Each request is validated, authenticated, read → decided → appended with its expected revision, fsynced and answered. ` +
        `Latency is autocannon's, over every response; commands/s counts 2xx only. Server and load generator share the 2 cores.`,
      tables: [
        {
          title: `PUT /v1/articles/{id}/content, ${CONNECTIONS} connections`,
          columns: [
            'events stored',
            'store MiB',
            'commands/s',
            'p50 ms',
            'p90 ms',
            'p99 ms',
            'max ms',
            '2xx',
            'non-2xx',
            'errors',
            'events appended',
          ],
          rows,
        },
      ],
      ratios: [
        {
          label: `p50 with ${large.storedEvents.toLocaleString('en-US')} stored events ÷ p50 with ${small.storedEvents.toLocaleString('en-US')}`,
          value: growth,
        },
        {
          label: `commands/s with ${large.storedEvents.toLocaleString('en-US')} ÷ with ${small.storedEvents.toLocaleString('en-US')}`,
          value: ratio(large.commandsPerSecond, small.commandsPerSecond),
        },
      ],
      targets: [
        atLeast('http.throughput', worst.commandsPerSecond, 2_000, ' commands/s'),
        atMost('http.p99', worstP99, 50, ' ms'),
        atMost('http.p50-growth', growth, 1.2, '×'),
      ],
      notes: results.map(
        (r) =>
          `${r.storedEvents.toLocaleString('en-US')} events stored: the server needed ${Math.round(r.idleWaitMs / 100) / 10} s after start before it was idle.`,
      ),
    };
  },
};

async function loadOneStore(ctx: BenchContext, fillerEvents: number, durationS: number, warmupS: number): Promise<LoadResult> {
  const dataDir = path.join(ctx.workDir, `store-${fillerEvents}`);
  if (fillerEvents > 0) await seededStore(ctx, fillerEvents, dataDir);
  mkdirSync(dataDir, { recursive: true });
  const storeFile = path.join(dataDir, EMBEDDED_STORE_FILE);
  const articleIds = await seedDrafts(storeFile, ARTICLES);
  const storedEvents = fillerEvents + ARTICLES;
  // A service with this many events has its read models built already: build them before the
  // server starts, so that what is measured is commands, not a first catch-up. (A larger heap:
  // see the projection-rebuild benchmark for the rebuild's own memory.)
  ctx.log(`building the read models of ${storedEvents.toLocaleString('en-US')} events`);
  const rebuilt = await rebuildInChild(REBUILD_CHILD, dataDir, []);
  if (rebuilt.report === undefined) throw new Error(`Building the read models failed: ${rebuilt.failure ?? String(rebuilt.exitCode)}`);
  ctx.log(`  built in ${rebuilt.seconds.toFixed(1)} s`);
  const before = await headPosition(storeFile);
  const keys = await writeApiKeys(dataDir);
  const server = await startServer({ REDAKSI_DATA_DIR: dataDir, REDAKSI_API_KEYS_FILE: keys.file, LOG_LEVEL: 'info' }, 120_000);
  try {
    const idleWaitMs = await waitUntilIdle(server.child.pid!);
    ctx.log(`${storedEvents.toLocaleString('en-US')} events stored; server idle after ${idleWaitMs} ms`);
    const load = revisionLoad(server.baseUrl, keys.tokens.writer, articleIds, CONNECTIONS);
    await load(warmupS);
    const afterWarmup = await headPosition(storeFile);
    const result = await load(durationS);
    const after = await headPosition(storeFile);
    const measured: LoadResult = {
      storedEvents,
      storeBytes: statSync(storeFile).size,
      idleWaitMs,
      seconds: durationS,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      commandsPerSecond: perSecond(result['2xx'], result.duration * 1000),
      p50Ms: result.latency.p50,
      p90Ms: result.latency.p90,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      eventsAppended: Number(after - afterWarmup),
    };
    ctx.log(
      `  ${measured.commandsPerSecond} commands/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, ` +
        `${measured.ok} 2xx, ${measured.non2xx} non-2xx, ${measured.errors} errors; ${measured.eventsAppended} events appended (${Number(afterWarmup - before)} in warm-up)`,
    );
    return measured;
  } finally {
    await server.kill('SIGTERM');
  }
}

/** The position of the last event in the store: the difference between two is what was appended. */
async function headPosition(file: string): Promise<bigint> {
  const store = SqliteEventStore.open({ path: file });
  try {
    const [last] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last?.position.commit ?? 0n;
  } finally {
    await store.close();
  }
}
