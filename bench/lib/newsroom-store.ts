import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import type { EventData } from '../../src/platform/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { REBUILD_CHILD, rebuildInChild } from '../projection-rebuild.bench.js';
import { articleHistory } from './article-history.js';
import type { BenchContext } from './benchmark.js';
import { cachedDataDir } from './cached-data-dir.js';
import { longArticleContent } from './long-article.js';
import { seedCopies, slugOf } from './seed-copies.js';

/** How many of each kind of article the newsroom store holds. */
export interface NewsroomSizes {
  /** Published articles (10-event stories ending in publication), for GET /v1/published/{slug}. */
  readonly published: number;
  /** One-event drafts by the writer, for the revise load. */
  readonly drafts: number;
  /** Drafts by the writer with `deepEvents` events (a draft and its revisions). */
  readonly deep: number;
  readonly deepEvents: number;
  /** Drafts by the writer with `shallowEvents` events. */
  readonly shallow: number;
  readonly shallowEvents: number;
}

/** The sizes http-peer and http-stream-length use, so that one run seeds the store once. */
export function newsroomSizes(quick: boolean): NewsroomSizes {
  return quick
    ? { published: 100, drafts: 400, deep: 2, deepEvents: 100, shallow: 20, shallowEvents: 10 }
    : { published: 1_000, drafts: 1_000, deep: 4, deepEvents: 1_000, shallow: 200, shallowEvents: 10 };
}

export interface NewsroomStore {
  readonly sizes: NewsroomSizes;
  readonly published: readonly { readonly id: string; readonly slug: string }[];
  readonly drafts: readonly string[];
  readonly deep: readonly string[];
  readonly shallow: readonly string[];
  readonly events: number;
}

/**
 * A store of the long (~8 KB) article in every shape issue 17's benchmarks read or revise, all
 * written by the real decider and appended straight to the embedded store, with its read models
 * built as a deployed service would have them. Seeded once per run (per sizes) and copied to
 * `dataDir`: http-peer and http-stream-length share it.
 */
export function newsroomStore(ctx: BenchContext, dataDir: string, sizes: NewsroomSizes): Promise<NewsroomStore> {
  const key = `newsroom-${sizes.published}-${sizes.drafts}-${sizes.deep}x${sizes.deepEvents}-${sizes.shallow}x${sizes.shallowEvents}`;
  return cachedDataDir(ctx, key, dataDir, async (dir) => {
    ctx.log(`seeding the newsroom store (${key})`);
    const store = SqliteEventStore.open({ path: path.join(dir, EMBEDDED_STORE_FILE), synchronous: 'NORMAL' });
    let published: { id: string; slug: string }[];
    let drafts: string[];
    let deep: string[];
    let shallow: string[];
    try {
      const story = articleHistory({ articleId: randomUUID(), events: 10, content: longArticleContent });
      if (story.at(-1)?.type !== 'ArticlePublished') throw new Error(`The published story ends with ${story.at(-1)?.type ?? 'nothing'}`);
      published = (await seedCopies(store, story, sizes.published)).map((id) => ({ id, slug: slugOf(story, id) }));
      drafts = await seedCopies(store, revisions(1), sizes.drafts);
      shallow = await seedCopies(store, revisions(sizes.shallowEvents), sizes.shallow);
      // ~8.5 KB per event: 50 events per append stays well under the store's 1 MiB per append.
      deep = await seedCopies(store, revisions(sizes.deepEvents), sizes.deep, { window: 1, perAppend: 50 });
    } finally {
      await store.close();
    }
    const events = sizes.published * 10 + sizes.drafts + sizes.shallow * sizes.shallowEvents + sizes.deep * sizes.deepEvents;
    const rebuilt = await rebuildInChild(REBUILD_CHILD, dir);
    if (rebuilt.report === undefined) throw new Error(`Building the read models failed: ${rebuilt.failure ?? String(rebuilt.exitCode)}`);
    return { sizes, published, drafts, deep, shallow, events };
  });
}

/** The writer's draft of the long article followed by its revisions: `events` events in all. */
function revisions(events: number): EventData[] {
  return articleHistory({ articleId: randomUUID(), events, content: longArticleContent, story: 'revisions' });
}
