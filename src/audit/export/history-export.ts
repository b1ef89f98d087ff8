import { readArticleStream } from '../../articles/application/article-stream.js';
import type { EventStore } from '../../platform/event-store/event-store.port.js';
import { AuditedArticleNotFoundError } from '../audit-errors.js';
import { toExportLine } from './export-line.js';

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

/** The article's whole stream as NDJSON: one event per line, oldest first, newline-terminated. */
export async function exportArticleHistory(store: EventStore, articleId: string): Promise<string> {
  const recorded = await readArticleStream(store, articleId);
  if (recorded.length === 0) throw new AuditedArticleNotFoundError(articleId);
  return recorded.map((event) => `${JSON.stringify(toExportLine(event))}\n`).join('');
}
