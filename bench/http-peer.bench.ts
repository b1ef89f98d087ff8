import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { writeApiKeys } from '../test/support/api-keys-fixture.js';
import { startServer } from '../test/support/server-process.js';
import { type Benchmark, ratio } from './lib/benchmark.js';
import { seedPeerDocuments, startFastifyPeer } from './lib/fastify-peer.js';
import { currentEtag, DocumentPool, getLoad, type LoadSummary, putLoad } from './lib/http-load.js';
import { longArticleContent, longArticleVersions } from './lib/long-article.js';
import { newsroomSizes, newsroomStore } from './lib/newsroom-store.js';
import { waitUntilIdle } from './lib/process-idle.js';
import type { Cell, TargetCheck } from './lib/results.js';
import { atLeast, atMost, format } from './lib/targets.js';

const CONNECTIONS = 32;
const WIDE_CONNECTIONS = 200;
/** Prepared versions of the long article; a document's consecutive writes always differ. */
const BODY_VERSIONS = 16;

type Load = (seconds: number, connections: number) => Promise<LoadSummary>;

/** What a run needs done once both processes are idle again (a write load reclaims its documents). */
type AfterRun = () => Promise<unknown>;

interface Row {
  readonly case: string;
  readonly subject: string;
  readonly summary: LoadSummary;
}

/**
 * Issue 17's side-by-side figures: Redaksi's request path against the Fastify peer
 * (bench/peers/src/fastify-sqlite-peer.ts), both real processes on 127.0.0.1, loaded one after
 * the other by the same autocannon with the same ~8 KB article body.
 */
export const httpPeerBenchmark: Benchmark = {
  name: 'http-peer',
  title: 'The request path vs a minimal NestJS app on Fastify',
  usesPeers: true,
  async run(ctx) {
    const times = ctx.quick ? { warmupS: 1, measureS: 3, wideS: 5 } : { warmupS: 3, measureS: 10, wideS: 20 };
    const sizes = newsroomSizes(ctx.quick);
    const dataDir = path.join(ctx.workDir, 'redaksi');
    const newsroom = await newsroomStore(ctx, dataDir, sizes);
    const keys = await writeApiKeys(dataDir);
    const bodies = longArticleVersions(BODY_VERSIONS).map((content) => JSON.stringify(content));
    const bodyBytes = Buffer.byteLength(bodies[0]!);
    const server = await startServer({ REDAKSI_DATA_DIR: dataDir, REDAKSI_API_KEYS_FILE: keys.file, LOG_LEVEL: 'info' }, 120_000);
    let peer: Awaited<ReturnType<typeof startFastifyPeer>> | undefined;
    try {
      peer = await startFastifyPeer(path.join(ctx.workDir, 'peer.sqlite'), (line) => ctx.log(line));
      const peerIds = newsroom.drafts.map(() => randomUUID());
      await seedPeerDocuments(peer, peerIds, JSON.stringify(longArticleContent));
      const pids = [server.child.pid!, peer.child.pid!];
      const rows: Row[] = [];
      const idle = async (afterRun?: AfterRun) => {
        // Neither process may still be busy (read models catching up, a WAL checkpoint) when a run starts.
        for (const pid of pids) await waitUntilIdle(pid);
        await afterRun?.();
      };
      const measure = async (
        label: string,
        subject: string,
        load: Load,
        connections: number,
        seconds: number,
        afterRun?: AfterRun,
      ): Promise<LoadSummary> => {
        await idle(afterRun);
        await load(times.warmupS, connections);
        await idle(afterRun);
        const summary = await load(seconds, connections);
        rows.push({ case: label, subject, summary });
        ctx.log(
          `  ${label.padEnd(44)} ${subject.padEnd(8)} ${format(summary.perSecond).padStart(7)}/s  p50 ${summary.p50Ms} ms  p99 ${summary.p99Ms} ms  ` +
            `${summary.ok} 2xx, ${summary.non2xx} non-2xx, ${summary.errors} errors, ${summary.unanswered} unanswered`,
        );
        return summary;
      };

      const writer = { authorization: `Bearer ${keys.tokens.writer}` };
      const articles = new DocumentPool(newsroom.drafts.map((id) => ({ id, etag: '"0"' })));
      const revise = putLoad({
        baseUrl: server.baseUrl,
        path: (id) => `/v1/articles/${id}/content`,
        pool: articles,
        bodies,
        headers: writer,
        ifMatch: true,
      });
      const reclaimArticles = () => articles.reclaim((id) => currentEtag(`${server.baseUrl}/v1/articles/${id}`, writer));
      const documents = new DocumentPool(peerIds.map((id) => ({ id, etag: '' })));
      const peerPut = putLoad({
        baseUrl: peer.baseUrl,
        path: (id) => `/documents/${id}`,
        pool: documents,
        bodies,
        headers: {},
        ifMatch: false,
      });
      // The peer has no revisions to match: its documents come back as they are.
      const reclaimDocuments = () => documents.reclaim(() => Promise.resolve(''));
      const deepArticle = newsroom.deep[0]!;
      const revisePut = `durable writes, ${CONNECTIONS} connections`;
      const reviseRedaksi = await measure(revisePut, 'Redaksi', revise, CONNECTIONS, times.measureS, reclaimArticles);
      const putPeer = await measure(revisePut, 'peer', peerPut, CONNECTIONS, times.measureS, reclaimDocuments);
      const readPublished = 'published article by slug vs stored document';
      const published = await measure(
        readPublished,
        'Redaksi',
        getLoad(
          server.baseUrl,
          newsroom.published.map((p) => `/v1/published/${p.slug}`),
          { authorization: `Bearer ${keys.tokens.service}` },
        ),
        CONNECTIONS,
        times.measureS,
      );
      const peerGetMany = await measure(
        readPublished,
        'peer',
        getLoad(
          peer.baseUrl,
          peerIds.map((id) => `/documents/${id}`),
        ),
        CONNECTIONS,
        times.measureS,
      );
      const readDeep = `article with ${format(sizes.deepEvents)} revisions vs stored document`;
      const article = await measure(
        readDeep,
        'Redaksi',
        getLoad(server.baseUrl, [`/v1/articles/${deepArticle}`], writer),
        CONNECTIONS,
        times.measureS,
      );
      const peerGetOne = await measure(readDeep, 'peer', getLoad(peer.baseUrl, [`/documents/${peerIds[0]!}`]), CONNECTIONS, times.measureS);
      const wide = `durable writes, ${WIDE_CONNECTIONS} connections`;
      const wideRedaksi = await measure(wide, 'Redaksi', revise, WIDE_CONNECTIONS, times.wideS, reclaimArticles);
      const widePeer = await measure(wide, 'peer', peerPut, WIDE_CONNECTIONS, times.wideS, reclaimDocuments);

      const failures = (s: LoadSummary) => s.non2xx + s.errors;
      const targets: TargetCheck[] = [
        atLeast('peer.revise-rate', ratio(reviseRedaksi.perSecond, putPeer.perSecond) ?? 0, 1, '×'),
        atMost('peer.revise-p99', reviseRedaksi.p99Ms, 30, ' ms'),
        atLeast('peer.published-rate', ratio(published.perSecond, peerGetMany.perSecond) ?? 0, 0.6, '×'),
        atMost('peer.published-p99', published.p99Ms, 10, ' ms'),
        atLeast('peer.article-rate', ratio(article.perSecond, peerGetOne.perSecond) ?? 0, 0.6, '×'),
        atMost('peer.article-p99', article.p99Ms, 10, ' ms'),
        {
          id: 'peer.c200-errors',
          measured: `${failures(wideRedaksi)} failed of ${wideRedaksi.ok + failures(wideRedaksi)} (${wideRedaksi.non2xx} non-2xx, ${wideRedaksi.errors} connection errors or timeouts)`,
          met: failures(wideRedaksi) === 0,
        },
        atMost('peer.c200-p99', wideRedaksi.p99Ms, 250, ' ms'),
      ];
      const refusals = rows.flatMap((r) => r.summary.refusals.map((refusal) => `${r.subject}, ${r.case}: ${refusal}`));
      return {
        status: 'measured',
        ...(ctx.quick ? { statusNote: 'quick run: smaller store, shorter runs; the targets are for the full run' } : {}),
        durability:
          `both durable per request. Redaksi: the app's defaults, embedded store with synchronous=FULL and group commit, projections inline, LOG_LEVEL=info with one log line per request (to /dev/null). ` +
          `Peer: journal_mode=${peer.durability.journalMode}, synchronous=${peer.durability.synchronous} (read back from its connection), one transaction and so one WAL fsync per PUT, no group commit, no request log; ` +
          `both on SQLite ${peer.durability.sqlite} (the peer loads the product's better-sqlite3)`,
        method:
          `one data directory of ${format(newsroom.events)} events seeded straight into the embedded store by the real decider (among them ${format(sizes.published)} published articles, ${format(sizes.drafts)} one-event drafts by the writer, ` +
          `an article with ${format(sizes.deepEvents)} events: the writer's draft and its revisions), read models built, then the real server (\`node dist/main.js\`) and the peer ` +
          `(\`node bench/peers/dist/fastify-sqlite-peer.js\`, holding ${format(peerIds.length)} documents PUT once) started as processes of their own on 127.0.0.1. ` +
          `Every case runs Redaksi and then the peer with the same autocannon: ${times.warmupS} s warm-up (not counted) and ${times.measureS} s measured (${times.wideS} s at ${WIDE_CONNECTIONS} connections), ` +
          `each process idle before each run. Body: the long article (${format(bodyBytes)} bytes of JSON, ${longArticleContent.body.length} blocks with quotes and sources), ` +
          `${BODY_VERSIONS} prepared versions so that every write changes the content. Writes: \`PUT /v1/articles/{id}/content\` with the writer's token vs \`PUT /documents/{id}\`; ` +
          `each request in flight has an article of its own (lent from a pool and given back with its answer's ETag, so every If-Match is the revision the previous answer returned). ` +
          `Reads: \`GET /v1/published/{slug}\` (the service key) round-robin over the published articles vs \`GET /documents/{id}\` round-robin over the peer's documents; ` +
          `\`GET /v1/articles/{id}\` (the writer, its author) of the ${format(sizes.deepEvents)}-event article vs \`GET\` of one document. ` +
          `Rates count 2xx answers and latency is over them (autocannon's histogram); errors are connection errors and timeouts (autocannon's default, 10 s), by kind in the notes. Both processes and the load generator share the machine's cores.`,
        tables: [
          {
            title: 'Side by side (same client, same body, one after the other)',
            columns: [
              'case',
              'subject',
              'connections',
              'requests/s',
              'p50 ms',
              'p90 ms',
              'p99 ms',
              'max ms',
              '2xx',
              'non-2xx',
              'errors',
              'bytes per answer',
            ],
            rows: rows.map((r): Cell[] => [
              r.case,
              r.subject,
              r.summary.connections,
              r.summary.perSecond,
              r.summary.p50Ms,
              r.summary.p90Ms,
              r.summary.p99Ms,
              r.summary.maxMs,
              r.summary.ok,
              r.summary.non2xx,
              r.summary.errors,
              r.summary.responseBytes,
            ]),
          },
        ],
        ratios: [
          { label: `Redaksi revise ÷ peer PUT, ${CONNECTIONS} connections`, value: ratio(reviseRedaksi.perSecond, putPeer.perSecond) },
          { label: 'Redaksi GET /v1/published/{slug} ÷ peer GET', value: ratio(published.perSecond, peerGetMany.perSecond) },
          {
            label: `Redaksi GET /v1/articles/{id} (${format(sizes.deepEvents)} revisions) ÷ peer GET`,
            value: ratio(article.perSecond, peerGetOne.perSecond),
          },
          { label: `Redaksi revise ÷ peer PUT, ${WIDE_CONNECTIONS} connections`, value: ratio(wideRedaksi.perSecond, widePeer.perSecond) },
          { label: `Redaksi revise p99 ÷ peer PUT p99, ${CONNECTIONS} connections`, value: ratio(reviseRedaksi.p99Ms, putPeer.p99Ms) },
        ],
        targets,
        notes: [
          ...rows
            .filter((r) => r.summary.errors > 0)
            .map(
              (r) =>
                `${r.subject}, ${r.case}: ${r.summary.errors} errors (${Object.entries(r.summary.errorKinds)
                  .map(([kind, n]) => `${n}× ${kind}`)
                  .join(', ')}); the documents of requests without an answer are reclaimed once the server is idle.`,
            ),
          ...(refusals.length === 0 ? [] : [`Answers that were not 2xx (first few per run): ${refusals.join('; ')}`]),
        ],
      };
    } finally {
      await peer?.kill();
      await server.kill('SIGTERM');
    }
  },
};
