import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { shortArticleContent } from './article-history.js';
import type { BenchContext } from './benchmark.js';
import { perSecond } from './latency.js';
import { seedArticles } from './seed.js';

/**
 * A data directory whose event store holds `events` events in valid 10-event article streams.
 * Seeded once per `npm run bench` run (in the run's cache directory) and copied for each
 * benchmark that needs it, so that three benchmarks at 1,000,000 events seed once.
 */
export async function seededStore(ctx: BenchContext, events: number, dataDir: string): Promise<void> {
  const cached = path.join(ctx.cacheDir, `seed-${events}`, EMBEDDED_STORE_FILE);
  if (!existsSync(cached)) {
    mkdirSync(path.dirname(cached), { recursive: true });
    // Seeding is setup, not what is measured: NORMAL, and a checkpoint on close leaves one file to copy.
    const store = SqliteEventStore.open({ path: cached, synchronous: 'NORMAL' });
    try {
      ctx.log(`seeding ${events.toLocaleString('en-US')} events (once per run)`);
      const seeded = await seedArticles(store, {
        articles: Math.floor(events / 10),
        eventsPerArticle: 10,
        content: shortArticleContent,
        onProgress: (n) => ctx.log(`  ${n.toLocaleString('en-US')} events`),
      });
      ctx.log(`  seeded at ${perSecond(seeded.events, seeded.elapsedMs)} events/s`);
    } finally {
      await store.close();
    }
  }
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(cached, path.join(dataDir, EMBEDDED_STORE_FILE));
}
