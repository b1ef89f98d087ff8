import type { BenchResult } from './results.js';

export interface BenchContext {
  /** Small sizes, for developing the benchmarks themselves (BENCH_QUICK=1 or --quick). */
  readonly quick: boolean;
  /** A fresh directory on the disk under test, removed after the benchmark. */
  readonly workDir: string;
  /** Kept for the whole run (seeded stores shared by benchmarks), removed at its end. */
  readonly cacheDir: string;
  log(line: string): void;
}

export type BenchOutcome = Pick<BenchResult, 'status' | 'statusNote' | 'durability' | 'method' | 'tables' | 'ratios' | 'targets' | 'notes'>;

export interface Benchmark {
  readonly name: string;
  readonly title: string;
  /** Compares with a peer from bench/peers: the runner installs and builds them before it starts. */
  readonly usesPeers?: boolean;
  run(context: BenchContext): Promise<BenchOutcome>;
}

export function ratio(numerator: number, denominator: number): number | null {
  if (!(denominator > 0) || !Number.isFinite(numerator)) return null;
  const value = numerator / denominator;
  // Two decimals, but never a small ratio rounded away to 0: below 0.1, two significant digits.
  return Math.abs(value) >= 0.1 || value === 0 ? Math.round(value * 100) / 100 : Number(value.toPrecision(2));
}
