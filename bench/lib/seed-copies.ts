import { ARTICLE_EVENTS } from '../../src/articles/model/events.js';
import { randomUUID } from 'node:crypto';
import type { EventData, EventStore } from '../../src/platform/event-store/event-store.port.js';
import { rebrand } from './article-history.js';
import { appendStream } from './seed.js';

/**
 * `count` copies of one decided article stream, each under a new article id (rebrand: fresh
 * event and command ids), appended straight to the store with many appends in flight so that
 * group commit batches them. Streams too large for one append go in slices of `perAppend`
 * events, each with its expected revision. Returns the new article ids, in order.
 */
export async function seedCopies(
  store: EventStore,
  template: readonly EventData[],
  count: number,
  options: { window?: number; perAppend?: number } = {},
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const perAppend = options.perAppend ?? template.length;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const articleId = ids[next++]!;
      await appendStream(store, ARTICLE_EVENTS.streamName(articleId), rebrand(template, articleId), perAppend);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.window ?? 256, count) }, worker));
  return ids;
}

/** What the template's last publication reserved, as rebrand rewrites it for `articleId`. */
export function slugOf(template: readonly EventData[], articleId: string): string {
  const templateId = (template[0]?.data as { articleId?: string } | undefined)?.articleId;
  const published = template.findLast((event) => event.type === 'ArticlePublished')?.data as { slug?: string } | undefined;
  if (templateId === undefined || typeof published?.slug !== 'string') throw new Error('The template was never published');
  return published.slug.replace(templateId, articleId);
}
