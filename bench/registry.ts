import { appendsBenchmark } from './appends.bench.js';
import { deliveryBenchmark } from './delivery.bench.js';
import { httpBenchmark } from './http.bench.js';
import { httpPeerBenchmark } from './http-peer.bench.js';
import { httpStallsBenchmark } from './http-stalls.bench.js';
import { httpStreamLengthBenchmark } from './http-stream-length.bench.js';
import type { Benchmark } from './lib/benchmark.js';
import { projectionRebuildBenchmark } from './projection-rebuild.bench.js';
import { replayBenchmark } from './replay.bench.js';
import { searchBenchmark } from './search.bench.js';
import { startupBenchmark } from './startup.bench.js';
import { webhooksBenchmark } from './webhooks.bench.js';

/** In the order `npm run bench` runs them. */
export const BENCHMARKS: readonly Benchmark[] = [
  appendsBenchmark,
  replayBenchmark,
  projectionRebuildBenchmark,
  httpBenchmark,
  httpPeerBenchmark,
  httpStreamLengthBenchmark,
  httpStallsBenchmark,
  deliveryBenchmark,
  webhooksBenchmark,
  searchBenchmark,
  startupBenchmark,
];
