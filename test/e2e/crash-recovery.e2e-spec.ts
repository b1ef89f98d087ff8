import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { startServer } from '../support/server-process.js';

interface PlannedCommand {
  readonly key: string;
  readonly method: 'POST';
  readonly path: (articleId: string | undefined) => string;
  readonly body?: unknown;
}

/**
 * Kill -9 the server in the middle of a stream of commands, start it again, resend what was
 * never answered with the same Idempotency-Keys: every command that got a 2xx is in the
 * store exactly once.
 */
describe('crash recovery (SIGKILL)', () => {
  let dataDir: string;
  const token = `crash-${randomBytes(24).toString('base64url')}`;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-crash-'));
    await writeFile(
      path.join(dataDir, 'api-keys.json'),
      JSON.stringify([{ token, principalId: 'writer-crash', displayName: 'Crash Writer', roles: ['writer'] }]),
    );
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('acknowledged commands survive, exactly once', async () => {
    const acknowledged = new Map<string, string>(); // idempotency key → article id
    const workers = 6;
    const draftsPerWorker = 40;
    // Each worker drafts articles and submits them, each command with its own key.
    const plan = Array.from({ length: workers }, (_, w) =>
      Array.from({ length: draftsPerWorker }, (_, n) => ({ draftKey: `draft-${w}-${n}`, submitKey: `submit-${w}-${n}` })),
    );
    const articleOf = new Map<string, string>(); // draft key → article id (learned from answers)

    const send = async (baseUrl: string, command: PlannedCommand): Promise<boolean> => {
      try {
        const response = await fetch(`${baseUrl}${command.path(articleOf.get(command.key.replace('submit', 'draft')))}`, {
          method: command.method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': command.key },
          body: JSON.stringify(command.body ?? {}),
        });
        if (response.status >= 500) throw new Error(`server error ${response.status}: ${await response.text()}`);
        if (!response.ok) return false;
        const body = (await response.json()) as { id: string };
        acknowledged.set(command.key, body.id);
        if (command.key.startsWith('draft')) articleOf.set(command.key, body.id);
        return true;
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('server error')) throw error;
        return false; // connection refused or reset: the server died under us
      }
    };
    const commandsOf = (step: { draftKey: string; submitKey: string }): PlannedCommand[] => [
      { key: step.draftKey, method: 'POST', path: () => '/v1/articles', body: sampleArticleContent },
      { key: step.submitKey, method: 'POST', path: (id) => `/v1/articles/${id ?? 'missing'}/submit` },
    ];

    const env = { REDAKSI_DATA_DIR: dataDir };
    const answeredBeforeKill: number[] = [];
    for (let round = 0; round < 3; round++) {
      const server = await startServer(env);
      // Kill once this round has made progress (a loaded machine may take a while to answer at all),
      // at a random moment after that.
      const answeredAtStart = acknowledged.size;
      const killer = (async () => {
        const deadline = Date.now() + 15_000;
        while (acknowledged.size < answeredAtStart + 10 && Date.now() < deadline) await sleep(5);
        await sleep(Math.floor(Math.random() * 150));
        await server.kill('SIGKILL');
      })();
      await Promise.all(
        plan.map(async (steps) => {
          for (const step of steps) {
            for (const command of commandsOf(step)) {
              if (acknowledged.has(command.key)) continue;
              if (command.key.startsWith('submit') && !articleOf.has(step.draftKey)) break;
              if (!(await send(server.baseUrl, command))) return;
            }
          }
        }),
      );
      await killer;
      answeredBeforeKill.push(acknowledged.size);
    }
    // The kills must have landed mid-stream, or this test proves nothing.
    expect(answeredBeforeKill[0]).toBeGreaterThan(0);
    expect(answeredBeforeKill[2]).toBeLessThan(workers * draftsPerWorker * 2);

    // Last start: resend everything never answered, with the same keys, to completion.
    const server = await startServer(env);
    try {
      for (const steps of plan) {
        for (const step of steps) {
          for (const command of commandsOf(step)) {
            if (!acknowledged.has(command.key)) expect(await send(server.baseUrl, command)).toBe(true);
          }
        }
      }
    } finally {
      await server.kill('SIGTERM');
    }

    const store = SqliteEventStore.open({ path: path.join(dataDir, 'events.sqlite') });
    try {
      const events = await store.readAll();
      const byKey = new Map<string, number>();
      for (const event of events) {
        const key = (event.metadata as { idempotencyKey?: string } | undefined)?.idempotencyKey;
        if (key !== undefined) byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      expect(acknowledged.size).toBe(workers * draftsPerWorker * 2);
      for (const [key, articleId] of acknowledged) {
        expect([key, byKey.get(key)]).toEqual([key, 1]);
        const stream = await store.readStream(`article-${articleId}`);
        expect(stream.map((event) => event.type)).toEqual(['ArticleDrafted', 'ArticleSubmitted']);
      }
      expect(events.filter((event) => event.type === 'ArticleDrafted')).toHaveLength(workers * draftsPerWorker);
    } finally {
      await store.close();
    }
  }, 120_000);

  test('SIGTERM: in-flight commands finish, the process exits cleanly, nothing answered is lost', async () => {
    const env = { REDAKSI_DATA_DIR: dataDir };
    const server = await startServer(env);
    const responses = Array.from({ length: 30 }, (_, n) =>
      fetch(`${server.baseUrl}/v1/articles`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `term-${n}` },
        body: JSON.stringify(sampleArticleContent),
      }).then(
        async (response) => ({ status: response.status, id: response.ok ? ((await response.json()) as { id: string }).id : undefined }),
        () => ({ status: 0, id: undefined }),
      ),
    );
    // SIGTERM as soon as the first answer is in, while the others are still in flight.
    await Promise.race(responses);
    const exitCode = await server.kill('SIGTERM');
    const answers = await Promise.all(responses);
    expect(exitCode).toBe(0);
    expect(answers.every((answer) => answer.status === 0 || answer.status === 201)).toBe(true);
    expect(answers.some((answer) => answer.status === 201)).toBe(true);
    expect(server.stderr()).not.toMatch(/"level":"(error|fatal)"/);

    const store = SqliteEventStore.open({ path: path.join(dataDir, 'events.sqlite') });
    try {
      for (const { id } of answers.filter((answer) => answer.status === 201)) {
        expect(await store.readStream(`article-${id!}`)).toHaveLength(1);
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
