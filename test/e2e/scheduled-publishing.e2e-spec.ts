import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScheduledPublisher } from '../../src/articles/scheduling/scheduled-publisher.js';
import { articleIn } from '../support/article-fixtures.js';
import { startTestApp, TestClock, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;

async function publishedEvents(t: TestApp, id: string) {
  return (await t.store.readStream(`article-${id}`)).filter((event) => event.type === 'ArticlePublished');
}

describe('scheduled publishing', () => {
  test('a due schedule is published once, by the scheduler, crediting the editor who scheduled', async () => {
    const t = await startTestApp();
    try {
      const scheduler = t.app.get(ScheduledPublisher);
      const id = await articleIn(t, 'verified');
      const publishAt = new Date(t.clock.now().getTime() + HOUR).toISOString();
      await t.as('editor').post(`/v1/articles/${id}/schedule`).send({ publishAt }).expect(200);
      await scheduler.whenCaughtUp();
      await waitFor(() => scheduler.pending().has(id));

      await scheduler.tick();
      expect(await publishedEvents(t, id)).toHaveLength(0);

      t.clock.advance(2 * HOUR);
      await scheduler.tick();
      const [published, ...more] = await publishedEvents(t, id);
      expect(more).toHaveLength(0);
      expect(published!.data).toMatchObject({ scheduled: true, editorId: t.principals.editor.principalId });
      expect(published!.metadata).toMatchObject({ actor: { id: 'system:scheduler' } });
      await scheduler.tick();
      expect(await publishedEvents(t, id)).toHaveLength(1);
      const article = await t.as('editor').get(`/v1/articles/${id}`).expect(200);
      expect(article.body).toMatchObject({ status: 'published', schedule: null });
    } finally {
      await t.close();
    }
  });

  test('a schedule missed while the server was down is published on start, once', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-schedule-'));
    const clock = new TestClock();
    try {
      const first = await startTestApp({ dataDir, clock });
      const id = await articleIn(first, 'verified');
      const publishAt = new Date(clock.now().getTime() + HOUR).toISOString();
      await first.as('editor').post(`/v1/articles/${id}/schedule`).send({ publishAt }).expect(200);
      await first.close();

      clock.advance(3 * HOUR);
      for (let restart = 0; restart < 2; restart++) {
        const again = await startTestApp({ dataDir, clock });
        try {
          await again.app.get(ScheduledPublisher).whenCaughtUp();
          await waitFor(async () => (await publishedEvents(again, id)).length > 0);
          await again.app.get(ScheduledPublisher).tick();
          expect(await publishedEvents(again, id)).toHaveLength(1);
        } finally {
          await again.close();
        }
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  test('two API instances on one store publish a due schedule exactly once', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'redaksi-two-'));
    const clock = new TestClock();
    const [a, b] = [await startTestApp({ dataDir, clock }), await startTestApp({ dataDir, clock })];
    try {
      const ids = await Promise.all([1, 2, 3].map(() => articleIn(a, 'verified')));
      const publishAt = new Date(clock.now().getTime() + HOUR).toISOString();
      for (const id of ids) await a.as('editor').post(`/v1/articles/${id}/schedule`).send({ publishAt }).expect(200);
      const schedulers = [a, b].map((t) => t.app.get(ScheduledPublisher));
      await Promise.all(schedulers.map((scheduler) => scheduler.whenCaughtUp()));
      await waitFor(() => schedulers.every((scheduler) => ids.every((id) => scheduler.pending().has(id))));
      clock.advance(2 * HOUR);
      await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
      for (const id of ids) expect(await publishedEvents(a, id)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
