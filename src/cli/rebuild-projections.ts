import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cliProgress from 'cli-progress';
import { loadConfig } from '../platform/config/index.js';
import { openEventStore } from '../platform/event-store/event-store.module.js';
import { projectionsNamed } from '../read-models/all-projections.js';
import { openReadModelDatabase } from '../platform/projections/read-model-database.js';
import { rebuildProjection, type RebuildSummary } from '../platform/projections/rebuild.js';

/**
 * `npm run projections:rebuild [-- <name>…]`: rebuilds the named read models (default: all) from the
 * whole log, each into a new generation that replaces the served one only once it has caught up (see
 * projections/generations.ts). A running API or projector keeps serving and following meanwhile and moves
 * to the new generation by itself. Progress goes to stderr, the summary to stdout.
 */
async function main(names: readonly string[]): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const config = loadConfig();
  const projections = projectionsNamed(names);
  const store = openEventStore(config);
  const database = openReadModelDatabase(config.dataDir);
  try {
    const [last] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    const head = Number(last?.position.commit ?? 0n);
    const summaries: RebuildSummary[] = [];
    for (const projection of projections) {
      const bar = new cliProgress.SingleBar(
        {
          format: `${projection.name.padEnd(12)} [{bar}] {percentage}% | {events} events | {rate} events/s`,
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      const started = Date.now();
      bar.start(Math.max(head, 1), 0, { events: 0, rate: 0 });
      const summary = await rebuildProjection({
        store,
        db: database.writer,
        projection,
        batchSize: 1_000,
        onProgress: ({ eventsApplied, position }) => {
          const reached = Number(position?.commit ?? 0n);
          if (reached > bar.getTotal()) bar.setTotal(reached);
          const seconds = (Date.now() - started) / 1000;
          bar.update(reached, { events: eventsApplied, rate: seconds > 0 ? Math.round(eventsApplied / seconds) : 0 });
        },
      });
      bar.update(bar.getTotal());
      bar.stop();
      summaries.push(summary);
      process.stdout.write(`${describe(summary)}\n`);
    }
    const events = summaries.reduce((sum, s) => sum + s.events, 0);
    const seconds = summaries.reduce((sum, s) => sum + s.seconds, 0);
    process.stdout.write(
      `rebuilt ${summaries.length} read model(s): ${events} events in ${seconds.toFixed(2)} s (${Math.round(seconds > 0 ? events / seconds : events)} events/s)\n`,
    );
  } finally {
    await store.close();
    database.close();
  }
}

function describe(summary: RebuildSummary): string {
  return (
    `${summary.projection}: ${summary.events} events in ${summary.seconds.toFixed(2)} s ` +
    `(${Math.round(summary.eventsPerSecond)} events/s), generation ${summary.generation} is active at position ${String(summary.position?.commit ?? 0n)}`
  );
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`projections:rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
