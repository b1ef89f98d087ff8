/** The issues' targets. Measured and reported in BENCHMARKS.md, never asserted in tests. */
export interface Target {
  readonly id: string;
  /** The issue that set the target. */
  readonly issue: number;
  readonly benchmark: string;
  readonly text: string;
}

const ISSUE_7: readonly Omit<Target, 'issue'>[] = [
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

/** Issue 17: no request stalls the newsroom, and the request path runs at the framework's speed. */
const ISSUE_17: readonly Omit<Target, 'issue'>[] = [
  {
    id: 'peer.revise-rate',
    benchmark: 'http-peer',
    text: 'durable revise commands (~8 KB, 32 connections, If-Match chained) ≥ 1.0× the peer’s durable PUTs',
  },
  { id: 'peer.revise-p99', benchmark: 'http-peer', text: 'durable revise commands at 32 connections: p99 ≤ 30 ms' },
  { id: 'peer.published-rate', benchmark: 'http-peer', text: '`GET /v1/published/{slug}` ≥ 0.6× the peer’s GET' },
  { id: 'peer.published-p99', benchmark: 'http-peer', text: '`GET /v1/published/{slug}`: p99 ≤ 10 ms' },
  { id: 'peer.article-rate', benchmark: 'http-peer', text: '`GET /v1/articles/{id}` with 1,000 revisions ≥ 0.6× the peer’s GET' },
  { id: 'peer.article-p99', benchmark: 'http-peer', text: '`GET /v1/articles/{id}` with 1,000 revisions: p99 ≤ 10 ms' },
  { id: 'peer.c200-errors', benchmark: 'http-peer', text: '200 connections for 20 s: no errors' },
  { id: 'peer.c200-p99', benchmark: 'http-peer', text: '200 connections for 20 s: p99 ≤ 250 ms' },
  {
    id: 'stream-length.p50-ratio',
    benchmark: 'http-stream-length',
    text: 'a command on an article with 1,000 revisions: p50 ≤ 1.5× that on a 10-revision article',
  },
  {
    id: 'stalls.health-p99',
    benchmark: 'http-stalls',
    text: '`/health` p99 ≤ 50 ms while 4 bodies of 120,000 properties, 8 reads of a 150-revision 0.9 MB article and a worst-case diff run',
  },
  {
    id: 'stalls.bounded',
    benchmark: 'http-stalls',
    text: 'each of those answered with a bounded problem response or its result',
  },
  { id: 'rebuild.rate-100k', benchmark: 'projection-rebuild', text: 'rebuild ≥ 100,000 log events/s at 1,000,000 events' },
  { id: 'rebuild.rss-300', benchmark: 'projection-rebuild', text: 'rebuild at 1,000,000 events: peak RSS < 300 MB' },
];

/** Issue 15, part 2: fast set-up and starts. */
const ISSUE_15: readonly Omit<Target, 'issue'>[] = [
  { id: 'startup.warm', benchmark: 'startup', text: '`npm start` listening within 3 s when nothing changed' },
];

export const TARGETS: readonly Target[] = [
  ...ISSUE_7.map((t) => ({ ...t, issue: 7 })),
  ...ISSUE_17.map((t) => ({ ...t, issue: 17 })),
  ...ISSUE_15.map((t) => ({ ...t, issue: 15 })),
];

export function atLeast(id: string, measured: number, target: number, unit = ''): { id: string; measured: string; met: boolean } {
  return { id, measured: `${format(measured)}${unit} (target ≥ ${format(target)}${unit})`, met: measured >= target };
}

export function atMost(id: string, measured: number, target: number, unit = ''): { id: string; measured: string; met: boolean } {
  return { id, measured: `${format(measured)}${unit} (target ≤ ${format(target)}${unit})`, met: measured <= target };
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // A small ratio (0.0028×) keeps its digits instead of printing as 0.00.
  if (value !== 0 && Math.abs(value) < 0.01) return String(Number(value.toPrecision(2)));
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
