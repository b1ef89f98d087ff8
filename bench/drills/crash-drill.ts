import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { revisedContent } from '../lib/article-history.js';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { type ApiKeysFixture, writeApiKeys } from '../../test/support/api-keys-fixture.js';
import { type ServerProcess, startServer } from '../../test/support/server-process.js';
import type { Who } from '../../test/support/test-app.js';
import { DrillReceiver } from './drill-receiver.js';
import { metadataOf } from './target.js';

export interface CrashDrillOptions {
  /** How many times the server is killed with SIGKILL before the last, clean start. */
  readonly kills: number;
  readonly workers: number;
  readonly articlesPerWorker: number;
  /** The kill lands this long after the server answered its first health check (uniformly at random). */
  readonly killAfterMs: readonly [number, number];
  readonly random?: () => number;
  readonly log?: (line: string) => void;
  /**
   * More checks on the recovered server, before it is stopped: read models equal a fresh rebuild,
   * integrity chains verify (the read-model and audit issues plug in here). Returns problems found.
   */
  readonly afterRecovery?: (context: RecoveredServer) => Promise<readonly string[]>;
}

export interface RecoveredServer {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly tokens: Record<Who, string>;
  readonly articleIds: readonly string[];
  /** The webhook subscriber registered before the first kill, and what its receiver got. */
  readonly webhooks: { readonly subscriberId: string; readonly received: ReadonlyMap<string, number> };
  /** Stops the server (SIGTERM); checks that need it still call this themselves. Idempotent. */
  stop(): Promise<void>;
}

export interface CrashDrillReport {
  readonly planned: number;
  readonly acknowledged: number;
  /** Commands answered (in total) when each kill landed: proof the kills hit mid-stream. */
  readonly answeredAtKill: readonly number[];
  /** Commands sent again after a restart because the kill left them unanswered. */
  readonly resent: number;
  readonly events: number;
  /** Webhooks received, and how many of them were repeats (sent again after a kill: at least once). */
  readonly webhooks: { readonly received: number; readonly repeats: number };
  readonly problems: readonly string[];
}

/** One command of an article's story, with its own Idempotency-Key. */
interface Step {
  readonly key: string;
  readonly who: Who;
  readonly method: 'POST' | 'PUT';
  readonly path: (articleId: string) => string;
  readonly body: unknown;
  readonly eventType: string;
}

const STORY: readonly Omit<Step, 'key' | 'body'>[] = [
  { who: 'writer', method: 'POST', path: () => '/v1/articles', eventType: 'ArticleDrafted' },
  { who: 'writer', method: 'PUT', path: (id) => `/v1/articles/${id}/content`, eventType: 'ArticleRevised' },
  { who: 'writer', method: 'POST', path: (id) => `/v1/articles/${id}/submit`, eventType: 'ArticleSubmitted' },
  { who: 'editor2', method: 'POST', path: (id) => `/v1/articles/${id}/verify`, eventType: 'ArticleVerified' },
  { who: 'editor', method: 'POST', path: (id) => `/v1/articles/${id}/publish`, eventType: 'ArticlePublished' },
];

/**
 * Start the built server, drive concurrent article stories (draft, revise, submit, verify,
 * publish; every command with an Idempotency-Key), SIGKILL it at a random moment, start it
 * again and resend what was never answered, with the same keys. Repeat; then, on a last clean
 * start, finish every story. Every command that was ever answered must be in the store exactly
 * once, at the revision its answer gave, and every story complete and in order.
 */
export async function runCrashDrill(options: CrashDrillOptions): Promise<CrashDrillReport> {
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-crash-drill-'));
  const receiver = new DrillReceiver();
  try {
    const keys = await writeApiKeys(dataDir);
    const env = {
      REDAKSI_DATA_DIR: dataDir,
      REDAKSI_API_KEYS_FILE: keys.file,
      REDAKSI_WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      REDAKSI_WEBHOOK_BACKOFF_BASE_MS: '50',
      REDAKSI_WEBHOOK_BACKOFF_MAX_MS: '500',
    };
    const hookUrl = await receiver.start();
    let subscriberId: string | undefined;
    const stories = Array.from({ length: options.workers }, (_, w) =>
      Array.from({ length: options.articlesPerWorker }, (_, n) => storyOf(w, n)),
    );
    const state = new DrillState(keys);
    const answeredAtKill: number[] = [];

    for (let kill = 0; kill < options.kills; kill++) {
      const server = await startServer(env);
      // Webhooks go out (and are recorded in the ledger) through every kill.
      subscriberId ??= await registerSubscriber(server, keys, hookUrl);
      const delay = options.killAfterMs[0] + random() * (options.killAfterMs[1] - options.killAfterMs[0]);
      // The clock starts at this round's first answer: a loaded machine may take a while to answer at
      // all, and a kill before any answer would prove nothing.
      const answeredAtStart = state.acknowledged.size;
      const killed = (async () => {
        const deadline = Date.now() + 15_000;
        while (state.acknowledged.size === answeredAtStart && Date.now() < deadline) await pause(5);
        await pause(delay);
        answeredAtKill.push(state.acknowledged.size);
        await server.kill('SIGKILL');
      })();
      await Promise.all(stories.map((worker) => state.drive(server, worker)));
      await killed;
      log(`kill ${kill + 1}: ${answeredAtKill.at(-1)} commands answered when SIGKILL landed, ${state.resent} resent so far`);
    }

    const server = await startServer(env);
    subscriberId ??= await registerSubscriber(server, keys, hookUrl);
    let stopped: Promise<unknown> | undefined;
    const stop = async () => {
      stopped ??= server.kill('SIGTERM');
      await stopped;
    };
    try {
      for (const worker of stories) await state.drive(server, worker, true);
      if (options.afterRecovery) {
        const articleIds = stories.flat().flatMap((story) => state.acknowledged.get(story[0]!.key)?.articleId ?? []);
        const webhooks = { subscriberId, received: receiver.received };
        state.problems.push(
          ...(await options.afterRecovery({ baseUrl: server.baseUrl, dataDir, tokens: keys.tokens, articleIds, webhooks, stop })),
        );
      }
    } finally {
      await stop();
    }

    const events = await verifyStore(path.join(dataDir, EMBEDDED_STORE_FILE), stories, state);
    const planned = stories.flat(2).length;
    log(`${state.acknowledged.size}/${planned} commands acknowledged, ${events} events, ${state.problems.length} problems`);
    const counts = [...receiver.received.values()];
    const webhooks = { received: counts.reduce((sum, n) => sum + n, 0), repeats: counts.reduce((sum, n) => sum + n - 1, 0) };
    log(`${webhooks.received} webhooks received, ${webhooks.repeats} of them repeats`);
    return {
      planned,
      acknowledged: state.acknowledged.size,
      answeredAtKill,
      resent: state.resent,
      events,
      webhooks,
      problems: state.problems,
    };
  } finally {
    await receiver.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function registerSubscriber(server: ServerProcess, keys: ApiKeysFixture, url: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/v1/subscribers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${keys.tokens.admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url, eventTypes: ['article.published'], description: 'crash drill' }),
  });
  if (response.status !== 201)
    throw new Error(`Registering the drill's webhook subscriber answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

function storyOf(worker: number, article: number): Step[] {
  // Headlines differ so that each publication reserves its first-choice slug.
  const content = { ...sampleArticleContent, headline: `${sampleArticleContent.headline} ${worker}-${article}` };
  const bodies: unknown[] = [
    content,
    revisedContent(content, article),
    {},
    { checklist: { sourcesChecked: true, quotesAttributed: true } },
    {},
  ];
  return STORY.map((step, i) => ({ ...step, key: `crash-${worker}-${article}-${i}`, body: bodies[i] }));
}

interface Answer {
  readonly articleId: string;
  readonly revision: number;
}

class DrillState {
  readonly acknowledged = new Map<string, Answer>(); // idempotency key → answer
  readonly problems: string[] = [];
  resent = 0;
  private readonly sentOnce = new Set<string>();

  constructor(private readonly keys: ApiKeysFixture) {}

  /** Runs a worker's stories in order until done or until the server stops answering. */
  async drive(server: ServerProcess, stories: readonly Step[][], mustFinish = false): Promise<void> {
    for (const story of stories) {
      for (const step of story) {
        if (this.acknowledged.has(step.key)) continue;
        // Steps run in order and a worker stops at the first unanswered one, so every step after
        // the draft knows its article.
        const articleId = step === story[0] ? '' : this.acknowledged.get(story[0]!.key)?.articleId;
        if (articleId === undefined) throw new Error(`No article for ${step.key}`);
        if (!(await this.send(server, step, articleId))) {
          if (mustFinish) this.problems.push(`${step.key}: not answered by the recovered server`);
          return;
        }
      }
    }
  }

  private async send(server: ServerProcess, step: Step, articleId: string): Promise<boolean> {
    if (this.sentOnce.has(step.key)) this.resent += 1;
    this.sentOnce.add(step.key);
    let response: Response;
    try {
      response = await fetch(`${server.baseUrl}${step.path(articleId)}`, {
        method: step.method,
        headers: {
          Authorization: `Bearer ${this.keys.tokens[step.who]}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': step.key,
        },
        body: JSON.stringify(step.body),
      });
    } catch {
      return false; // refused or reset: the server died under us
    }
    let body: { id?: string; revision?: number };
    try {
      body = (await response.json()) as { id?: string; revision?: number };
    } catch {
      return false; // the answer was cut off by the kill
    }
    if (!response.ok) {
      this.problems.push(`${step.key}: answered ${response.status} ${JSON.stringify(body)}`);
      return false;
    }
    this.acknowledged.set(step.key, { articleId: body.id ?? articleId, revision: Number(body.revision) });
    return true;
  }
}

async function verifyStore(file: string, stories: readonly Step[][][], state: DrillState): Promise<number> {
  const store = SqliteEventStore.open({ path: file });
  try {
    const events = await store.readAll();
    const byKey = new Map<string, { stream: string; revision: bigint; type: string }[]>();
    for (const event of events) {
      const key = metadataOf(event).idempotencyKey;
      if (typeof key !== 'string') continue;
      const found = byKey.get(key) ?? [];
      found.push({ stream: event.streamId, revision: event.revision, type: event.type });
      byKey.set(key, found);
    }
    for (const step of stories.flat(2)) {
      const answer = state.acknowledged.get(step.key);
      const stored = byKey.get(step.key) ?? [];
      if (answer === undefined) {
        state.problems.push(`${step.key}: never acknowledged`);
        continue;
      }
      if (stored.length !== 1) {
        state.problems.push(`${step.key}: stored ${stored.length} times`);
        continue;
      }
      const [event] = stored;
      const expected = { stream: `article-${answer.articleId}`, revision: BigInt(answer.revision), type: step.eventType };
      if (event!.stream !== expected.stream || event!.revision !== expected.revision || event!.type !== expected.type) {
        state.problems.push(
          `${step.key}: answered ${JSON.stringify(answer)} but stored ${JSON.stringify({ ...event, revision: String(event!.revision) })}`,
        );
      }
    }
    for (const story of stories.flat()) {
      const answer = state.acknowledged.get(story[0]!.key);
      if (answer === undefined) continue;
      const stream = await store.readStream(`article-${answer.articleId}`);
      const types = stream.map((event) => event.type);
      const expected = story.map((step) => step.eventType);
      if (JSON.stringify(types) !== JSON.stringify(expected)) state.problems.push(`article ${answer.articleId}: ${types.join(', ')}`);
    }
    return events.length;
  } finally {
    await store.close();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
