import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Benchmark } from './lib/benchmark.js';
import { BENCHMARKS } from './registry.js';
import { describeMachine } from './lib/machine.js';
import { preparePeers } from './lib/peers.js';
import { regenerateBenchmarksMd } from './lib/report.js';
import { readResults, writeResult } from './lib/results.js';

const ORDER = BENCHMARKS.map((b) => b.name);

/**
 * `npm run bench` runs every benchmark; `npm run bench -- appends http` runs those.
 * `--quick` (or BENCH_QUICK=1) uses small sizes, for working on the benchmarks themselves.
 * `--report-only` rewrites BENCHMARKS.md from the results on disk without measuring.
 * BENCH_DIR chooses where the stores live (default: the OS temp directory).
 */
async function main(argv: readonly string[]): Promise<void> {
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const names = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  if (argv.includes('--report-only')) {
    regenerateBenchmarksMd(readResults(), ORDER);
    console.log('BENCHMARKS.md regenerated from bench/results/*.json.');
    return;
  }
  const selected = names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => names.includes(b.name));
  const root = process.env.BENCH_DIR ?? tmpdir();
  // Before any benchmark's clock starts: installing the peers takes minutes the first time.
  if (selected.some((b) => b.usesPeers === true)) await preparePeers((line) => console.log(line));
  const cacheDir = mkdtempSync(path.join(root, 'redaksi-bench-cache-'));
  try {
    for (const benchmark of selected) await runOne(benchmark, { quick, root, cacheDir });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  console.log('\nBENCHMARKS.md regenerated.');
}

async function runOne(benchmark: Benchmark, { quick, root, cacheDir }: { quick: boolean; root: string; cacheDir: string }): Promise<void> {
  const machine = describeMachine();
  const workDir = mkdtempSync(path.join(root, `redaksi-bench-${benchmark.name}-`));
  const startedAt = new Date();
  console.log(`\n== ${benchmark.title} (${benchmark.name})${quick ? ' [quick]' : ''}`);
  try {
    const outcome = await benchmark.run({ quick, workDir, cacheDir, log: (line) => console.log(line) });
    const durationS = Math.round((Date.now() - startedAt.getTime()) / 100) / 10;
    const command = `npm run bench -- ${benchmark.name}${quick ? ' --quick' : ''}`;
    const file = writeResult({
      name: benchmark.name,
      title: benchmark.title,
      startedAt: startedAt.toISOString(),
      durationS,
      command,
      machine,
      ...outcome,
    });
    console.log(`-> ${path.relative(process.cwd(), file)} (${outcome.status}, ${durationS} s)`);
    regenerateBenchmarksMd(readResults(), ORDER);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
