import type { Response } from 'express';
import type { ExecutedArticleCommand } from '../application/article-command-executor.js';
import { type ArticleView, toArticleView } from './article-view.js';

export const EVENT_POSITION_HEADER = 'X-Event-Position';
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

export function etagOf(revision: bigint): string {
  return `"${String(revision)}"`;
}

/** Headers every command answer carries: ETag, X-Event-Position, and whether it was a replay. */
export function commandResponse(response: Response, result: ExecutedArticleCommand): ArticleView {
  response.setHeader('ETag', etagOf(result.revision));
  response.setHeader(EVENT_POSITION_HEADER, String(result.position));
  if (result.replayed) response.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
  return toArticleView(result.state);
}
