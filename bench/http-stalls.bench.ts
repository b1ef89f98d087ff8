import { ARTICLE_EVENTS } from '../src/articles/model/events.js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sampleArticleContent } from '../src/articles/model/testing/sample-article.js';
import { EMBEDDED_STORE_FILE } from '../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../src/platform/event-store/sqlite/sqlite-event-store.js';
import { writeApiKeys } from '../test/support/api-keys-fixture.js';
import { startServer } from '../test/support/server-process.js';
import { articleHistory } from './lib/article-history.js';
import type { Benchmark } from './lib/benchmark.js';
import { cachedDataDir } from './lib/cached-data-dir.js';
import { bodyWithUnknownProperties, generatedArticle } from './lib/heavy-content.js';
import { summarise } from './lib/latency.js';
import { waitUntilIdle } from './lib/process-idle.js';
import type { Cell } from './lib/results.js';
import { appendStream } from './lib/seed.js';
import { atMost, format } from './lib/targets.js';
import { probe, type ProbeSample, type TimedAnswer, timedRequest } from './lib/timed-request.js';
import { REBUILD_CHILD, rebuildInChild } from './projection-rebuild.bench.js';

/** What "bounded" means here for a refusal: a 4xx problem+json no larger than this. */
const BOUNDED_PROBLEM_BYTES = 64 * 1024;
/** The product's default REDAKSI_BODY_LIMIT (1mb): the unknown-property body must fit under it. */
const BODY_LIMIT = 1_048_576;
const HEAVY_TIMEOUT_MS = 600_000;

interface StallSizes {
  readonly unknownProperties: number;
  readonly bodies: number;
  readonly largeBlocks: number;
  readonly largeWordsPerBlock: number;
  readonly largeRevisions: number;
  readonly reads: number;
  readonly diffBlocks: number;
  readonly diffWordsPerBlock: number;
}

interface StallStore {
  readonly draft: string;
  readonly large: string;
  readonly largeBytes: number;
  readonly diff: string;
  readonly diffBytes: number;
}

/**
 * Issue 17's "no request stalls the newsroom": a cheap request (`GET /health`, one at a time)
 * while the heavy requests the issue names run at once, and what each of those answered.
 */
export const httpStallsBenchmark: Benchmark = {
  name: 'http-stalls',
  title: '/health while heavy requests run',
  async run(ctx) {
    const sizes: StallSizes = ctx.quick
      ? {
          unknownProperties: 120_000,
          bodies: 1,
          largeBlocks: 450,
          largeWordsPerBlock: 330,
          largeRevisions: 10,
          reads: 2,
          diffBlocks: 100,
          diffWordsPerBlock: 240,
        }
      : {
          unknownProperties: 120_000,
          bodies: 4,
          largeBlocks: 450,
          largeWordsPerBlock: 330,
          largeRevisions: 150,
          reads: 8,
          diffBlocks: 450,
          diffWordsPerBlock: 240,
        };
    const body = bodyWithUnknownProperties(sizes.unknownProperties);
    const bodyBytes = Buffer.byteLength(body);
    if (bodyBytes >= BODY_LIMIT) throw new Error(`The unknown-property body is ${bodyBytes} bytes, over the ${BODY_LIMIT}-byte body limit`);
    const dataDir = path.join(ctx.workDir, 'redaksi');
    const seeded = await stallStore(ctx, dataDir, sizes);
    const keys = await writeApiKeys(dataDir);
    const server = await startServer({ REDAKSI_DATA_DIR: dataDir, REDAKSI_API_KEYS_FILE: keys.file, LOG_LEVEL: 'info' }, 120_000);
    try {
      await waitUntilIdle(server.child.pid!);
      const base = server.baseUrl;
      const heavy = [
        ...Array.from({ length: sizes.bodies }, (_, i) => ({
          label: `PUT /v1/articles/{id}/content, ${format(sizes.unknownProperties)} unknown properties (writer) #${i + 1}`,
          method: 'PUT' as const,
          url: `${base}/v1/articles/${seeded.draft}/content`,
          headers: { authorization: `Bearer ${keys.tokens.writer}` },
          body,
        })),
        ...Array.from({ length: sizes.reads }, (_, i) => ({
          label: `GET /v1/articles/{id}, ${format(sizes.largeRevisions)} revisions of ${mb(seeded.largeBytes)} (writer) #${i + 1}`,
          method: 'GET' as const,
          url: `${base}/v1/articles/${seeded.large}`,
          headers: { authorization: `Bearer ${keys.tokens.writer}` },
        })),
        {
          label: `GET /v1/articles/{id}/diff?from=0&to=1, ${sizes.diffBlocks} blocks of other words each side (auditor)`,
          method: 'GET' as const,
          url: `${base}/v1/articles/${seeded.diff}/diff?from=0&to=1`,
          headers: { authorization: `Bearer ${keys.tokens.auditor}` },
        },
      ];

      const health = probe(`${base}/health`, HEAVY_TIMEOUT_MS);
      await new Promise((resolve) => setTimeout(resolve, ctx.quick ? 1_000 : 3_000));
      const heavyFrom = performance.now();
      const idleUntil = health.samples.length;
      const answers = await Promise.all(heavy.map((spec) => timedRequest({ ...spec, timeoutMs: HEAVY_TIMEOUT_MS })));
      const heavyMs = performance.now() - heavyFrom;
      // One more second of probing shows whether the server is itself again.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const whileHeavy = health.samples.length;
      await health.stop();
      const idle = health.samples.slice(0, idleUntil);
      const during = health.samples.slice(idleUntil, whileHeavy);
      for (const a of answers) ctx.log(`  ${a.status ?? 'no answer'} ${format(a.bytes)} bytes in ${format(a.ms)} ms: ${a.label}`);
      const healthRows = [probeRow('idle, before', idle), probeRow('while the heavy requests ran (and 1 s after)', during)];
      const duringSummary = summarise(during.map((s) => s.ms));
      ctx.log(
        `  /health while heavy: p50 ${duringSummary.p50Ms} ms, p99 ${duringSummary.p99Ms} ms, max ${duringSummary.maxMs} ms (${during.length} answers)`,
      );
      const unbounded = answers.filter((a) => !bounded(a));
      return {
        status: 'measured',
        ...(ctx.quick ? { statusNote: 'quick run: fewer and smaller heavy requests; the targets are for the full run' } : {}),
        durability: "the app's defaults: embedded store with synchronous=FULL, projections inline, LOG_LEVEL=info, REDAKSI_BODY_LIMIT 1mb",
        method:
          `a data directory seeded straight into the embedded store by the real decider: a writer's draft (the sample article), the writer's draft of an article of ` +
          `${sizes.largeBlocks} paragraphs of ${sizes.largeWordsPerBlock} generated words (${mb(seeded.largeBytes)} as JSON) with ${format(sizes.largeRevisions - 1)} revisions, each carrying the whole content, ` +
          `and an article drafted with ${sizes.diffBlocks} paragraphs of ${sizes.diffWordsPerBlock} words and revised to ${sizes.diffBlocks} paragraphs of words from another alphabet (no word in common; ${mb(seeded.diffBytes)} each). ` +
          `The real server (\`node dist/main.js\`) on 127.0.0.1, idle. A probe sends \`GET /health\` one request at a time on one kept-alive connection, ` +
          `alone for ${ctx.quick ? 1 : 3} s, then while these ${heavy.length} requests are sent at once, each on a connection of its own: ` +
          `${sizes.bodies} × \`PUT /v1/articles/{id}/content\` with a valid body plus ${format(sizes.unknownProperties)} unknown top-level properties (${format(bodyBytes)} bytes, under the 1 MiB body limit) and the writer's token, ` +
          `${sizes.reads} × \`GET /v1/articles/{id}\` of the large article (its author), and \`GET …/diff?from=0&to=1\` of the other (an auditor); and 1 s after the last answer. ` +
          `An answer counts as bounded if it is 2xx (the result) or a 4xx \`application/problem+json\` of at most ${format(BOUNDED_PROBLEM_BYTES / 1024)} KiB; no answer within ${HEAVY_TIMEOUT_MS / 1000} s, a 5xx or a larger problem is not.`,
        tables: [
          {
            title: 'What each heavy request answered',
            columns: ['request', 'status', 'content type', 'bytes', 'seconds', 'problem type'],
            rows: answers.map((a): Cell[] => [
              a.label,
              a.status ?? `no answer (${a.failure ?? 'failed'})`,
              a.contentType.split(';')[0] ?? '',
              a.bytes,
              Math.round(a.ms / 10) / 100,
              a.problemType?.replace('https://redaksi.dev/problems/', '') ?? null,
            ]),
          },
          {
            title: '`GET /health`, one request at a time',
            columns: ['phase', 'answers', 'p50 ms', 'p99 ms', 'max ms', 'longest wait between answers ms'],
            rows: healthRows,
          },
        ],
        ratios: [],
        targets: [
          atMost('stalls.health-p99', duringSummary.p99Ms, 50, ' ms'),
          {
            id: 'stalls.bounded',
            measured:
              unbounded.length === 0
                ? `all ${answers.length} bounded`
                : `${unbounded.length} of ${answers.length} not: ${describeUnbounded(unbounded)}`,
            met: unbounded.length === 0,
          },
        ],
        notes: [
          `The ${answers.length} heavy requests took ${format(Math.round(heavyMs / 100) / 10)} s from the first sent to the last answered.`,
        ],
      };
    } finally {
      await server.kill('SIGTERM');
    }
  },
};

function bounded(answer: TimedAnswer): boolean {
  if (answer.status === null) return false;
  if (answer.status >= 200 && answer.status < 300) return true;
  return (
    answer.status >= 400 && answer.status < 500 && answer.contentType.includes('problem+json') && answer.bytes <= BOUNDED_PROBLEM_BYTES
  );
}

function describeUnbounded(answers: readonly TimedAnswer[]): string {
  const kinds = new Map<string, number>();
  for (const a of answers) {
    const what =
      a.status === null
        ? `no answer (${a.failure ?? 'failed'})`
        : `${a.status} of ${mb(a.bytes)} to ${a.label.replace(/ #\d+$/, '').split(',')[0] ?? a.label}`;
    kinds.set(what, (kinds.get(what) ?? 0) + 1);
  }
  return [...kinds].map(([what, n]) => `${n}× ${what}`).join('; ');
}

function probeRow(phase: string, samples: readonly ProbeSample[]): Cell[] {
  const s = summarise(samples.map((sample) => sample.ms));
  let gap = 0;
  for (let i = 1; i < samples.length; i++) gap = Math.max(gap, samples[i]!.at - samples[i - 1]!.at);
  return [phase, s.count, s.p50Ms, s.p99Ms, s.maxMs, gap];
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${format(Math.round((bytes / 1024 ** 2) * 100) / 100)} MiB` : `${format(Math.round(bytes / 1024))} KiB`;
}

/** Seeded once per run and copied: the draft, the large article and the diff pair (see the method). */
function stallStore(ctx: Parameters<Benchmark['run']>[0], dataDir: string, sizes: StallSizes): Promise<StallStore> {
  const key = `stalls-${sizes.largeBlocks}x${sizes.largeWordsPerBlock}x${sizes.largeRevisions}-${sizes.diffBlocks}x${sizes.diffWordsPerBlock}`;
  return cachedDataDir(ctx, key, dataDir, async (dir) => {
    ctx.log(`seeding the stall store (${key})`);
    const store = SqliteEventStore.open({ path: path.join(dir, EMBEDDED_STORE_FILE), synchronous: 'NORMAL' });
    const [draft, large, diff] = [randomUUID(), randomUUID(), randomUUID()];
    const largeContent = generatedArticle('a', sizes.largeBlocks, sizes.largeWordsPerBlock, 1);
    const before = generatedArticle('a', sizes.diffBlocks, sizes.diffWordsPerBlock, 100_000);
    const after = generatedArticle('b', sizes.diffBlocks, sizes.diffWordsPerBlock, 200_000);
    try {
      await appendStream(
        store,
        ARTICLE_EVENTS.streamName(draft),
        articleHistory({ articleId: draft, events: 1, content: sampleArticleContent }),
      );
      // Each event carries the whole ~0.9 MB article: one per append, under the store's 1 MiB limit.
      const largeHistory = articleHistory({ articleId: large, events: sizes.largeRevisions, content: largeContent, story: 'revisions' });
      await appendStream(store, ARTICLE_EVENTS.streamName(large), largeHistory, 1);
      const diffHistory = articleHistory({ articleId: diff, events: 2, content: before, story: 'revisions', revisions: [after] });
      await appendStream(store, ARTICLE_EVENTS.streamName(diff), diffHistory, 1);
    } finally {
      await store.close();
    }
    const rebuilt = await rebuildInChild(REBUILD_CHILD, dir);
    if (rebuilt.report === undefined) throw new Error(`Building the read models failed: ${rebuilt.failure ?? String(rebuilt.exitCode)}`);
    return {
      draft,
      large,
      largeBytes: Buffer.byteLength(JSON.stringify(largeContent)),
      diff,
      diffBytes: Buffer.byteLength(JSON.stringify(before)),
    };
  });
}
