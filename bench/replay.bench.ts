import { ARTICLE_EVENTS } from '../src/articles/model/events.js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { readArticleStream } from '../src/articles/application/article-stream.js';
import { fold } from '../src/articles/model/evolve.js';
import { type Position, type RecordedEvent } from '../src/platform/event-store/event-store.port.js';
import { EMBEDDED_STORE_FILE } from '../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../src/platform/event-store/sqlite/sqlite-event-store.js';
import { articleHistory } from './lib/article-history.js';
import type { Benchmark } from './lib/benchmark.js';
import { LatencyRecorder, perSecond } from './lib/latency.js';
import type { Cell } from './lib/results.js';
import { appendStream } from './lib/seed.js';
import { seededStore } from './lib/seeded-store.js';

const STREAM_LENGTHS = [10, 1_000, 10_000] as const;
const PAGE = 512;

export const replayBenchmark: Benchmark = {
  name: 'replay',
  title: 'Replay: rebuilding an article, reading the whole log',
  async run(ctx) {
    const fillerEvents = ctx.quick ? 20_000 : 1_000_000;
    const rebuildBudgetMs = ctx.quick ? 500 : 3_000;
    const dataDir = path.join(ctx.workDir, 'data');
    await seededStore(ctx, fillerEvents, dataDir);
    const store = SqliteEventStore.open({ path: path.join(dataDir, EMBEDDED_STORE_FILE), synchronous: 'FULL' });
    try {
      const seeded = { events: fillerEvents };
      const rows: Cell[][] = [];
      for (const length of STREAM_LENGTHS) {
        const articleId = randomUUID();
        await appendStream(store, ARTICLE_EVENTS.streamName(articleId), articleHistory({ articleId, events: length }));
        const latency = new LatencyRecorder();
        let revision = -1;
        const start = performance.now();
        while (performance.now() - start < rebuildBudgetMs || latency.count < 5) {
          await latency.time(async () => {
            const state = fold((await readArticleStream(store, articleId)).map((recorded) => ARTICLE_EVENTS.event(recorded)));
            revision = state?.revision ?? -1;
          });
        }
        if (revision !== length - 1) throw new Error(`Rebuilt revision ${revision}, expected ${length - 1}`);
        const s = latency.summary();
        rows.push([length, s.count, s.p50Ms, s.p99Ms, Math.round((length / s.p50Ms) * 1000)]);
        ctx.log(`  rebuild from ${length} events: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms (${s.count} rebuilds)`);
      }

      const total = seeded.events + STREAM_LENGTHS.reduce((sum, n) => sum + n, 0);
      const reads = [await readAllPaged(store, total), await readBySubscription(store, total)];
      for (const r of reads)
        ctx.log(`  ${r.how}: ${r.events.toLocaleString('en-US')} events in ${Math.round(r.ms)} ms = ${perSecond(r.events, r.ms)} events/s`);

      return {
        status: 'measured',
        durability: "embedded store, SqliteEventStore.open({synchronous: 'FULL'}); reads are not affected by the setting",
        method:
          `one store in a temp directory, first filled through the EventStore port with ${seeded.events.toLocaleString('en-US')} events ` +
          `(${(seeded.events / 10).toLocaleString('en-US')} valid 10-event article streams of a short article, decided by the real decider; the full projection rebuild is the projection-rebuild benchmark). ` +
          `Then one article each with 10, 1,000 and 10,000 events (the sample article's story repeated: revise, revise, submit, changes requested, revise, revise, submit, verified, published, ` +
          `an editor's revision; every revision carries the whole content, ~2.5 KB). Rebuild = readStream + toArticleEvent + fold (src/articles/model/evolve.ts), ` +
          `repeated for ${rebuildBudgetMs / 1000} s per length. Reading all: the whole log forwards, decoded, by readAll pages of ${PAGE} and by a catch-up subscription from the start until caughtUp.`,
        tables: [
          { title: 'Rebuilding one article', columns: ['events in stream', 'rebuilds', 'p50 ms', 'p99 ms', 'events/s at p50'], rows },
          {
            title: 'Reading all events',
            columns: ['how', 'events', 'seconds', 'events/s'],
            rows: reads.map((r) => [r.how, r.events, Math.round(r.ms) / 1000, perSecond(r.events, r.ms)]),
          },
        ],
        ratios: [],
        targets: [],
        notes: [],
      };
    } finally {
      await store.close();
    }
  },
};

interface ReadAllResult {
  readonly how: string;
  readonly events: number;
  readonly ms: number;
}

async function readAllPaged(store: SqliteEventStore, expected: number): Promise<ReadAllResult> {
  const start = performance.now();
  let events = 0;
  let from: 'start' | Position = 'start';
  for (;;) {
    const page: RecordedEvent[] = await store.readAll({ fromPosition: from, maxCount: PAGE });
    events += page.length;
    if (page.length < PAGE) break;
    const last = page.at(-1)!.position;
    from = { commit: last.commit + 1n, prepare: last.prepare + 1n };
  }
  check(events, expected);
  return { how: `readAll, pages of ${PAGE}`, events, ms: performance.now() - start };
}

async function readBySubscription(store: SqliteEventStore, expected: number): Promise<ReadAllResult> {
  const start = performance.now();
  let events = 0;
  const subscription = store.subscribeToAll({ fromPosition: 'start' });
  for await (const message of subscription) {
    if (message.kind === 'event') events += 1;
    else if (message.kind === 'caughtUp') break;
  }
  check(events, expected);
  return { how: 'subscribeToAll from the start to caughtUp', events, ms: performance.now() - start };
}

function check(events: number, expected: number): void {
  if (events !== expected) throw new Error(`Read ${events} events, expected ${expected}`);
}
