import type { EventData } from '../../platform/event-store/event-store.port.js';
import { SqliteEventStore } from '../../platform/event-store/sqlite/sqlite-event-store.js';
import { chainTipAfter, sealEvents } from '../../kernel/hash-chain.js';
import { type StoreScanProgress, verifyStore } from './verify-store.js';

let counter = 0;
function events(n: number): EventData[] {
  return Array.from({ length: n }, () => ({
    id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    type: 'ArticleSubmitted',
    data: { n: counter },
    metadata: { occurredAt: '2025-01-20T01:00:00.000Z' },
  }));
}

describe('verifyStore', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });
  afterEach(() => store.close());

  async function appendSealed(stream: string, n: number): Promise<void> {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 }).catch(() => []);
    await store.appendToStream(stream, sealEvents(stream, chainTipAfter(last), events(n)), {
      expectedRevision: last?.revision ?? 'no_stream',
    });
  }

  it('checks every chained stream across pages, skips unchained streams outside the sealed categories, and reports progress', async () => {
    await appendSealed('article-a', 3);
    await store.appendToStream('slug-banjir', events(1));
    await appendSealed('article-b', 2);
    await appendSealed('article-a', 2);
    await appendSealed('contributor-x', 2);
    await appendSealed('audit-denials', 1);
    const progress: StoreScanProgress[] = [];
    const result = await verifyStore(store, { pageSize: 3, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ ok: true, streams: 4, events: 10, unchainedStreams: 1, breaks: [] });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ events: 10, streams: 5, fraction: 1 });
  });

  it('reports the first break of every broken stream, and an unsealed article stream as broken', async () => {
    await appendSealed('article-a', 2);
    const [forged] = sealEvents('article-a', chainTipAfter((await store.readStream('article-a')).at(-1)), events(1));
    await store.appendToStream('article-a', [{ ...forged!, data: { n: 'forged' } }]);
    await store.appendToStream('article-unsealed', events(2));
    await appendSealed('article-c', 2);
    const result = await verifyStore(store, { pageSize: 2 });
    expect(result.ok).toBe(false);
    expect(result.breaks).toEqual([
      expect.objectContaining({ streamId: 'article-a', revision: 2, code: 'hash_mismatch' }),
      expect.objectContaining({ streamId: 'article-unsealed', revision: 0, code: 'missing_hash' }),
    ]);
  });

  it('holds contributor streams to the chain: an unsealed one is broken, not skipped', async () => {
    await appendSealed('contributor-sealed', 2);
    await store.appendToStream('contributor-unsealed', events(1));
    const result = await verifyStore(store);
    expect(result).toMatchObject({ ok: false, streams: 2, events: 3, unchainedStreams: 0 });
    expect(result.breaks).toEqual([expect.objectContaining({ streamId: 'contributor-unsealed', revision: 0, code: 'missing_hash' })]);
  });

  it('passes an empty store', async () => {
    expect(await verifyStore(store)).toEqual({ ok: true, streams: 0, events: 0, unchainedStreams: 0, breaks: [] });
  });
});
