import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import { readArticleStream } from '../../articles/application/article-stream.js';
import type { EventStore } from '../../platform/event-store/event-store.port.js';
import { AuditedArticleNotFoundError } from '../audit-errors.js';
import { type ChainReport, verifyChain } from '../../kernel/hash-chain.js';

export type ArticleIntegrity = { readonly articleId: string; readonly streamId: string } & ChainReport;

/**
 * Recomputes the article's hash chain from the stored events. Reads the raw stream rather than
 * domain events: an altered event may not even parse as one, and must still be reported.
 */
export async function articleIntegrity(store: EventStore, articleId: string): Promise<ArticleIntegrity> {
  const recorded = await readArticleStream(store, articleId);
  if (recorded.length === 0) throw new AuditedArticleNotFoundError(articleId);
  const streamId = ARTICLE_EVENTS.streamName(articleId);
  return { articleId, streamId, ...verifyChain(streamId, recorded) };
}
