import type { Benchmark } from './lib/benchmark.js';

/**
 * HOOK (delivery issue): from a command's response to the SSE client (GET /v1/feed/stream)
 * receiving the public event, p50/p99, idle and under the load of the http benchmark.
 * To fill in: start the server as http.bench.ts does, connect an SSE client as a `service`
 * principal, publish articles (each publish's X-Event-Position against the event id the stream
 * delivers), measure idle, then again while autocannon drives the revision load; report
 * atMost('delivery.p99', p99, 100, ' ms').
 */
export const deliveryBenchmark: Benchmark = {
  name: 'delivery',
  title: 'Delivery latency (SSE)',
  run() {
    return Promise.resolve({
      status: 'pending',
      statusNote: 'waiting for the delivery issue to land (bench/delivery.bench.ts is the hook)',
      durability: '—',
      method: '—',
      tables: [],
      ratios: [],
      targets: [],
      notes: [],
    });
  },
};
