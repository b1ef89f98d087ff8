import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { verifyStore } from '../audit/store-verification/verify-store.js';
import { EXIT_FAILED, EXIT_OK, withStore } from './cli-store.js';

/**
 * `npm run audit:verify`: recomputes the hash chain of every stream in the store, with a
 * progress bar on stderr, and exits 1 when any chain is broken. `--json` prints the report.
 */
async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { json: { type: 'boolean', default: false } } });
  const bar = new SingleBar(
    { format: 'Verifying |{bar}| {percentage}% · {events} events in {streams} streams', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(100, 0, { events: 0, streams: 0 });
  const result = await withStore((store) =>
    verifyStore(store, {
      onProgress: ({ events, streams, fraction }) => bar.update(Math.round(fraction * 100), { events, streams }),
    }),
  ).finally(() => bar.stop());

  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const unchained = result.unchainedStreams === 0 ? '' : ` (${result.unchainedStreams} streams without hashes skipped)`;
    process.stdout.write(`Checked ${result.streams} streams, ${result.events} events${unchained}.\n`);
    for (const broken of result.breaks) {
      process.stdout.write(`BROKEN ${broken.streamId} at revision ${broken.revision}: ${broken.reason}\n`);
    }
    process.stdout.write(result.ok ? 'All hash chains are intact.\n' : `${result.breaks.length} broken stream(s).\n`);
  }
  return result.ok ? EXIT_OK : EXIT_FAILED;
}

process.exitCode = await main(process.argv.slice(2));
