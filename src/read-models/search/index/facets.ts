import { createHash } from 'node:crypto';
import type { ArticleStatus } from '../../../articles/model/state.js';
import type { Copy, SearchDocument } from './search-document.js';

/**
 * Filters live in the full-text index as tokens, so that the index intersects them with the query
 * (a writer's own drafts among 100,000 articles cost no scan). Free-form values (ids, topics) are
 * hashed into letters and digits; 64 bits keep them apart.
 */
export const facet = {
  copy: (copy: Copy): string => `c${copy}`,
  status: (status: ArticleStatus): string => `s${status.replaceAll('_', '')}`,
  author: (authorId: string): string => `a${digest(authorId)}`,
  assignee: (assigneeId: string | null): string => (assigneeId === null ? 'gnone' : `g${digest(assigneeId)}`),
  topic: (topic: string): string => `t${digest(topicKey(topic))}`,
};

/** Topics match as the desk matches them: trimmed, case-insensitive. */
export function topicKey(topic: string): string {
  return topic.trim().toLowerCase();
}

export function facetTokensOf(document: SearchDocument): string[] {
  const tokens = [facet.copy(document.copy), facet.author(document.authorId)];
  if (document.copy === 'working') tokens.push(facet.status(document.status), facet.assignee(document.assigneeId));
  tokens.push(...new Set(document.content.topics.map(facet.topic)));
  return tokens;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}
