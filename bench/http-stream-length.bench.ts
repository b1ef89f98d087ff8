import path from 'node:path';
import { writeApiKeys } from '../test/support/api-keys-fixture.js';
import { startServer } from '../test/support/server-process.js';
import { type Benchmark, ratio } from './lib/benchmark.js';
import { currentEtag, DocumentPool, getLoad, type LoadSummary, putLoad } from './lib/http-load.js';
import { longArticleContent, longArticleVersions } from './lib/long-article.js';
import { newsroomSizes, newsroomStore } from './lib/newsroom-store.js';
import { waitUntilIdle } from './lib/process-idle.js';
import type { Cell } from './lib/results.js';
import { atMost, format } from './lib/targets.js';

/** One request at a time: the cost of a command, not the queue in front of it. */
const CONNECTIONS = 1;

/**
 * Issue 17's "a command's cost independent of the stream's length": the same revise command,
 * one at a time, on the writer's drafts with 10 events and with 1,000 events (each a full
 * revision of the ~8 KB article), through the real server; reads of the same articles beside it.
 */
export const httpStreamLengthBenchmark: Benchmark = {
  name: 'http-stream-length',
  title: "A command's cost and the article's length",
  async run(ctx) {
    const times = ctx.quick ? { warmupS: 1, measureS: 2 } : { warmupS: 2, measureS: 10 };
    const sizes = newsroomSizes(ctx.quick);
    const dataDir = path.join(ctx.workDir, 'redaksi');
    const newsroom = await newsroomStore(ctx, dataDir, sizes);
    const keys = await writeApiKeys(dataDir);
    const writer = { authorization: `Bearer ${keys.tokens.writer}` };
    const bodies = longArticleVersions(16).map((content) => JSON.stringify(content));
    const server = await startServer({ REDAKSI_DATA_DIR: dataDir, REDAKSI_API_KEYS_FILE: keys.file, LOG_LEVEL: 'info' }, 120_000);
    try {
      const pid = server.child.pid!;
      const shallowPool = new DocumentPool(newsroom.shallow.map((id) => ({ id, etag: `"${sizes.shallowEvents - 1}"` })));
      const deepPool = new DocumentPool(newsroom.deep.map((id) => ({ id, etag: `"${sizes.deepEvents - 1}"` })));
      const kinds = [
        { label: `${format(sizes.shallowEvents)} events`, pool: shallowPool, ids: newsroom.shallow },
        { label: `${format(sizes.deepEvents)} events`, pool: deepPool, ids: newsroom.deep },
      ];
      const rows: Cell[][] = [];
      const commands: LoadSummary[] = [];
      const reads: LoadSummary[] = [];
      for (const kind of kinds) {
        const revise = putLoad({
          baseUrl: server.baseUrl,
          path: (id) => `/v1/articles/${id}/content`,
          pool: kind.pool,
          bodies,
          headers: writer,
          ifMatch: true,
        });
        const reclaim = async () => {
          await waitUntilIdle(pid);
          await kind.pool.reclaim((id) => currentEtag(`${server.baseUrl}/v1/articles/${id}`, writer));
        };
        await reclaim();
        await revise(times.warmupS, CONNECTIONS);
        await reclaim();
        const command = await revise(times.measureS, CONNECTIONS);
        commands.push(command);
        await reclaim();
        const read = getLoad(
          server.baseUrl,
          kind.ids.map((id) => `/v1/articles/${id}`),
          writer,
        );
        await read(times.warmupS, CONNECTIONS);
        await waitUntilIdle(pid);
        const summary = await read(times.measureS, CONNECTIONS);
        reads.push(summary);
        for (const [what, s] of [
          ['revise (PUT …/content, If-Match)', command],
          ['read (GET /v1/articles/{id})', summary],
        ] as const) {
          rows.push([kind.label, what, s.ok, s.perSecond, s.p50Ms, s.p90Ms, s.p99Ms, s.maxMs, s.non2xx + s.errors]);
          ctx.log(
            `  ${kind.label.padEnd(13)} ${what.padEnd(34)} p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms  (${s.ok} 2xx, ${s.non2xx + s.errors} failed)`,
          );
        }
      }
      const [shallowCommand, deepCommand] = [commands[0]!, commands[1]!];
      const growth = ratio(deepCommand.p50Ms, shallowCommand.p50Ms);
      return {
        status: 'measured',
        ...(ctx.quick ? { statusNote: 'quick run: shorter streams and runs; the target is for 1,000 revisions' } : {}),
        durability:
          "the app's defaults: embedded store with synchronous=FULL (every acknowledged command is on disk), projections inline, LOG_LEVEL=info",
        method:
          `the newsroom store of the http-peer benchmark (seeded once per run straight into the embedded store by the real decider, read models built): among its articles ` +
          `${format(sizes.shallow)} drafts of ${format(sizes.shallowEvents)} events and ${format(sizes.deep)} of ${format(sizes.deepEvents)} events, each the writer's draft of the long article ` +
          `(~${Math.round(Buffer.byteLength(JSON.stringify(longArticleContent)) / 1024)} KB, every revision carrying the whole content) and its revisions. The real server (\`node dist/main.js\`) on 127.0.0.1; ` +
          `autocannon with ${CONNECTIONS} connection, so one request at a time: ${times.warmupS} s warm-up, then ${times.measureS} s of \`PUT /v1/articles/{id}/content\` by the writer, ` +
          `round-robin over the drafts of one length with If-Match chained from each answer's ETag (a new version of the article every time), then the same for reads. ` +
          `The streams grow by the commands measured (a few percent). The server is idle before each run.`,
        tables: [
          {
            title: 'One request at a time, by stream length',
            columns: ['stream', 'request', '2xx', 'requests/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed'],
            rows,
          },
        ],
        ratios: [
          { label: `revise p50, ${format(sizes.deepEvents)} events ÷ ${format(sizes.shallowEvents)} events`, value: growth },
          {
            label: `read p50, ${format(sizes.deepEvents)} events ÷ ${format(sizes.shallowEvents)} events`,
            value: ratio(reads[1]!.p50Ms, reads[0]!.p50Ms),
          },
        ],
        targets: [atMost('stream-length.p50-ratio', growth ?? Infinity, 1.5, '×')],
        notes: [],
      };
    } finally {
      await server.kill('SIGTERM');
    }
  },
};
