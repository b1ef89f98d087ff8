/** The targets (issue 7). Measured and reported in BENCHMARKS.md, never asserted in tests. */
export interface Target {
  readonly id: string;
  readonly benchmark: string;
  readonly text: string;
}

export const TARGETS: readonly Target[] = [
  {
    id: 'appends.sequential-vs-fdatasync',
    benchmark: 'appends',
    text: 'sequential durable single-event appends ≥ 70% of the disk’s fdatasync rate',
  },
  { id: 'appends.concurrent-vs-fdatasync', benchmark: 'appends', text: '16 concurrent writers ≥ 3× the fdatasync rate (group commit)' },
  {
    id: 'appends.sequential-vs-emmett',
    benchmark: 'appends',
    text: '≥ 10× Emmett SQLite on single-event appends (sequential), same durability',
  },
  {
    id: 'appends.concurrent-vs-emmett',
    benchmark: 'appends',
    text: '≥ 10× Emmett SQLite on single-event appends (16 writers), same durability',
  },
  { id: 'appends.batch-vs-emmett', benchmark: 'appends', text: '≥ 1.5× Emmett SQLite on 100-event appends, same durability' },
  { id: 'projection.rebuild-rate', benchmark: 'projection-rebuild', text: 'full projection rebuild ≥ 50,000 events/s' },
  { id: 'projection.rebuild-rss', benchmark: 'projection-rebuild', text: 'peak RSS under 300 MB rebuilding 1,000,000 events' },
  { id: 'http.throughput', benchmark: 'http', text: '≥ 2,000 commands/s at 32 connections' },
  { id: 'http.p99', benchmark: 'http', text: 'p99 ≤ 50 ms at 32 connections' },
  { id: 'http.p50-growth', benchmark: 'http', text: 'p50 with 1,000,000 stored events within 20% of p50 with 1,000' },
  { id: 'delivery.p99', benchmark: 'delivery', text: 'delivery p99 ≤ 100 ms under the HTTP load' },
  {
    id: 'search.p99',
    benchmark: 'search',
    text: 'search p99 ≤ 50 ms for one-word, two-word, phrase and prefix queries over 100,000 articles, idle',
  },
];

export function atLeast(id: string, measured: number, target: number, unit = ''): { id: string; measured: string; met: boolean } {
  return { id, measured: `${format(measured)}${unit} (target ≥ ${format(target)}${unit})`, met: measured >= target };
}

export function atMost(id: string, measured: number, target: number, unit = ''): { id: string; measured: string; met: boolean } {
  return { id, measured: `${format(measured)}${unit} (target ≤ ${format(target)}${unit})`, met: measured <= target };
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
