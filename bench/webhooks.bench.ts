import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ledgerStream } from '../src/delivery/webhooks/ledger/ledger-events.js';
import { EMBEDDED_STORE_FILE } from '../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../src/platform/event-store/sqlite/sqlite-event-store.js';
import { writeApiKeys } from '../test/support/api-keys-fixture.js';
import { startServer } from '../test/support/server-process.js';
import { Arrivals } from './lib/arrivals.js';
import type { Benchmark } from './lib/benchmark.js';
import { summarise } from './lib/latency.js';
import { waitUntilIdle } from './lib/process-idle.js';
import { benchApi, prepareVerifiedArticles } from './lib/verified-articles.js';

const PREPARE_CONCURRENCY = 8;
const EVENT_TIMEOUT_MS = 10_000;

/**
 * From a publish's HTTP response to the webhook request arriving at a receiver on 127.0.0.1,
 * one publish at a time, on the embedded store. Every delivery passes through the webhook ledger
 * (the batch is appended and folded before it is sent, the attempt after), so this is what the
 * ledger costs a receiver, and the ledger's events per delivery show what it costs the log.
 */
export const webhooksBenchmark: Benchmark = {
  name: 'webhooks',
  title: 'Webhook delivery latency (through the ledger)',
  async run(ctx) {
    const publishes = ctx.quick ? 30 : 300;
    const dataDir = path.join(ctx.workDir, 'store');
    mkdirSync(dataDir, { recursive: true });
    const keys = await writeApiKeys(dataDir);
    const arrivals = new Arrivals<number>();
    const receiver = await listen((articleId) => arrivals.record(articleId, performance.now()));
    const server = await startServer(
      { REDAKSI_DATA_DIR: dataDir, REDAKSI_API_KEYS_FILE: keys.file, LOG_LEVEL: 'info', REDAKSI_WEBHOOK_ALLOW_PRIVATE_URLS: 'true' },
      120_000,
    );
    const latencies: number[] = [];
    let lost = 0;
    let subscriberId: string;
    try {
      const api = benchApi(server.baseUrl, keys.tokens);
      const registered = await api(
        'admin',
        'POST',
        '/v1/subscribers',
        JSON.stringify({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, eventTypes: ['article.published'] }),
      );
      if (registered.status !== 201) throw new Error(`registering answered ${registered.status}: ${await registered.text()}`);
      subscriberId = ((await registered.json()) as { id: string }).id;
      ctx.log(`preparing ${publishes} verified articles over HTTP`);
      const prepared = await prepareVerifiedArticles(api, publishes, PREPARE_CONCURRENCY);
      ctx.log(`  prepared; server idle after ${await waitUntilIdle(server.child.pid!)} ms`);
      for (const articleId of prepared) {
        const response = await api('editor', 'POST', `/v1/articles/${articleId}/publish`);
        const respondedAt = performance.now();
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`publish answered ${response.status}`);
        const arrived = await arrivals.waitFor(articleId, EVENT_TIMEOUT_MS);
        if (arrived === undefined) lost++;
        else latencies.push(arrived - respondedAt);
      }
    } finally {
      await server.kill('SIGTERM');
      await new Promise((resolve) => receiver.close(resolve));
    }
    const store = SqliteEventStore.open({ path: path.join(dataDir, EMBEDDED_STORE_FILE) });
    let ledgerEvents: number;
    try {
      ledgerEvents = (await store.readStream(ledgerStream(subscriberId))).length;
    } finally {
      await store.close();
    }
    const summary = summarise(latencies);
    const delivered = latencies.length;
    ctx.log(`  ${delivered} delivered, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms; ${ledgerEvents} ledger events`);
    return {
      status: 'measured',
      durability:
        "the app's defaults: embedded store with synchronous=FULL; every ledger event (batch enqueued, attempt recorded) is on disk before the fold applies it and the worker goes on",
      method:
        `\`npm run build\`, a fresh data directory, the real server (\`node dist/main.js\`, 127.0.0.1) as a child process and one subscriber for \`article.published\` pointing at a receiver in the benchmark process (127.0.0.1, answers 204). ` +
        `${publishes} articles are prepared over HTTP (draft, submit, verify; ${PREPARE_CONCURRENCY} in flight) and the server is left until idle. Each sample is one \`POST /v1/articles/{id}/publish\`, one at a time: ` +
        `latency = the webhook request for that article fully received minus the publish's response received (both performance.now() in the benchmark process). Afterwards the subscriber's ledger stream is counted in events.sqlite.`,
      tables: [
        {
          title: 'Publish response → webhook received',
          columns: ['samples', 'p50 ms', 'p99 ms', 'max ms', 'mean ms', 'lost', 'ledger events', 'ledger events per delivery'],
          rows: [
            [
              delivered,
              summary.p50Ms,
              summary.p99Ms,
              summary.maxMs,
              summary.meanMs,
              lost,
              ledgerEvents,
              delivered > 0 ? Math.round((ledgerEvents / delivered) * 100) / 100 : null,
            ],
          ],
        },
      ],
      ratios: [],
      targets: [],
      notes: [
        'One run on a shared, noisy 2-core machine. The ledger events include the registration; checkpoint-only batches are written at most once a minute, so a run this short has none.',
      ],
    };
  },
};

/** A receiver answering 204, reporting when each article.published request has fully arrived. */
async function listen(onArrival: (articleId: string) => void): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const articleId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { articleId?: string }).articleId;
      if (articleId !== undefined) onArrival(articleId);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
