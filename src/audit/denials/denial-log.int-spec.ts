import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import { Logger } from '@nestjs/common';
import { ARTICLE_STREAM } from '../../articles/application/article-stream.js';
import { ArticleRuleViolation } from '../../articles/model/errors.js';
import { auditor, sampleArticleContent, sampleArticleId, writer } from '../../articles/model/testing/sample-article.js';
import { SqliteEventStore } from '../../platform/event-store/sqlite/sqlite-event-store.js';
import type { DeniedCommand, DeniedCommandLog } from '../../platform/commands/denied-commands.js';
import { StreamCommandExecutor } from '../../platform/commands/stream-command-executor.js';
import { verifyChain } from '../../kernel/hash-chain.js';
import { DenialLog } from '../../platform/commands/denial-log.js';
import { DENIALS_STREAM } from './denial.js';
import { listDenials } from './list-denials.query.js';

const envelope = (n: number) => ({
  actor: auditor,
  commandId: `6a1f0c9e-0000-4000-8000-${String(n).padStart(12, '0')}`,
  correlationId: `c-${n}`,
  causationId: `c-${n}`,
  requestHash: `r-${n}`,
});

function denial(n: number): DeniedCommand {
  return {
    ...envelope(n),
    streamId: ARTICLE_EVENTS.streamName(sampleArticleId),
    commandType: 'VerifyArticle',
    code: 'forbidden',
    reason: 'auditor-hendra (roles: auditor) may not VerifyArticle',
    at: new Date(Date.UTC(2025, 0, 20, 1, n)),
  };
}

describe('DenialLog on the embedded store', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('records concurrent denials once each, in one unbroken chain', async () => {
    const log = new DenialLog(store);
    await Promise.all(Array.from({ length: 8 }, (_, n) => log.record(denial(n))));
    const stream = await store.readStream(DENIALS_STREAM);
    expect(stream).toHaveLength(8);
    expect(new Set(stream.map((event) => (event.data as { commandId: string }).commandId)).size).toBe(8);
    expect(verifyChain(DENIALS_STREAM, stream)).toMatchObject({ ok: true, events: 8 });
    const page = await listDenials(store, { limit: 3 });
    expect(page.items.map((item) => item.revision)).toEqual([7, 6, 5]);
    expect(page.next).toBe(5);
  });

  it("lists one stream's denials, reading a bounded window per page", async () => {
    const log = new DenialLog(store);
    const other = ARTICLE_EVENTS.streamName('5d1e2c3b-0000-4000-8000-000000000001');
    // Revisions 0..9; the sample article's denials are at 1, 4 and 8.
    for (let n = 0; n < 10; n++) await log.record({ ...denial(n), ...([1, 4, 8].includes(n) ? {} : { streamId: other }) });
    const streamId = ARTICLE_EVENTS.streamName(sampleArticleId);

    const first = await listDenials(store, { limit: 2, streamId }, 4);
    expect(first.items.map((item) => [item.revision, item.articleId])).toEqual([[8, sampleArticleId]]);
    expect(first.next).toBe(6); // read 9..6, the window's end: older ones remain
    const second = await listDenials(store, { limit: 2, before: first.next!, streamId }, 4);
    expect(second.items.map((item) => item.revision)).toEqual([4]);
    expect(second.next).toBe(2);
    const last = await listDenials(store, { limit: 2, before: second.next!, streamId }, 4);
    expect(last).toEqual({ items: [expect.objectContaining({ revision: 1 })], next: null });

    // A full page stops at its last item, however much of the window is left.
    const full = await listDenials(store, { limit: 1, streamId }, 100);
    expect(full.items.map((item) => item.revision)).toEqual([8]);
    expect(full.next).toBe(8);
  });

  it('lists nothing before the first denial', async () => {
    expect(await listDenials(store, { limit: 10 })).toEqual({ items: [], next: null });
  });
});

describe('StreamCommandExecutor and the denial log', () => {
  it('still refuses with the domain 403 when the denial cannot be written, and logs why', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    const errors: unknown[] = [];
    Logger.overrideLogger({ log: () => undefined, warn: () => undefined, error: (message: unknown) => errors.push(message) });
    try {
      const broken: DeniedCommandLog = { record: () => Promise.reject(new Error('disk full')) };
      const executor = new StreamCommandExecutor(store, () => new Date('2025-01-20T01:00:00Z'), broken);
      const drafted = await executor.execute(ARTICLE_STREAM, sampleArticleId, { ...envelope(1), actor: writer }, () => ({
        type: 'DraftArticle' as const,
        data: { articleId: sampleArticleId, content: sampleArticleContent },
      }));
      expect(drafted.revision).toBe(0n);

      const refused = executor.execute(ARTICLE_STREAM, sampleArticleId, envelope(2), () => ({ type: 'SubmitArticle' as const, data: {} }));
      await expect(refused).rejects.toBeInstanceOf(ArticleRuleViolation);
      await expect(refused).rejects.toMatchObject({ kind: 'forbidden' });
      expect(errors).toEqual([
        expect.objectContaining({ msg: 'Could not record a denied command', streamId: ARTICLE_EVENTS.streamName(sampleArticleId) }),
      ]);
    } finally {
      Logger.overrideLogger(['log', 'warn', 'error']);
      await store.close();
    }
  });
});
