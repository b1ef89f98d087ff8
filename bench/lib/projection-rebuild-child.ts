import 'reflect-metadata';
import path from 'node:path';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { ALL_PROJECTIONS } from '../../src/read-models/all-projections.js';
import { openReadModelDatabase } from '../../src/platform/projections/read-model-database.js';
import { rebuildProjection } from '../../src/platform/projections/rebuild.js';

/**
 * Run by the projection-rebuild benchmark in a process of its own, so that its peak RSS is the
 * rebuild's alone: every read model rebuilt from the whole log of `<data dir>`, as
 * `npm run projections:rebuild` does. Progress (with RSS) goes to stderr as JSON lines, the
 * summary to stdout as one JSON line.
 */
const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: projection-rebuild-child <data dir>');
const store = SqliteEventStore.open({ path: path.join(dataDir, EMBEDDED_STORE_FILE) });
const database = openReadModelDatabase(dataDir);
try {
  const started = performance.now();
  const summaries = [];
  for (const projection of ALL_PROJECTIONS) {
    let reported = 0n;
    const summary = await rebuildProjection({
      store,
      db: database.writer,
      projection,
      batchSize: 1_000,
      onProgress: ({ position, eventsApplied }) => {
        const at = position?.commit ?? 0n;
        if (at - reported < 100_000n) return;
        reported = at;
        const rssMiB = Math.round(process.memoryUsage().rss / 1024 ** 2);
        process.stderr.write(`${JSON.stringify({ projection: projection.name, position: Number(at), eventsApplied, rssMiB })}\n`);
      },
    });
    summaries.push({ projection: summary.projection, applied: summary.events, seconds: summary.seconds });
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ summaries, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
} finally {
  await store.close();
  database.close();
}
