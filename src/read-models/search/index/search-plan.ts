import { createHash } from 'node:crypto';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../articles/model/state.js';
import { compileQuery, type SearchQuery } from '../query/compile-query.js';
import { allOf, anyOf, type ColumnSet, ftsString } from '../query/fts5-expression.js';
import { SearchError } from '../search-error.js';
import type { SearchScope } from '../search-scope.js';
import { FACETS_COLUMN, TIERS, type Tier } from './columns.js';
import { decodeSearchCursor, type SearchCursor } from './cursor.js';
import { facet } from './facets.js';
import { BEYOND_ORDINALS, firstOrdinalOf, LOWEST_ORDINAL, millisecondsOf } from './ordinals.js';

export interface SearchFilters {
  /** Working copies only: any of these statuses. */
  readonly statuses?: readonly ArticleStatus[];
  readonly authorId?: string;
  /** One topic, matched trimmed and case-insensitively. */
  readonly topic?: string;
  /** Working copies only: a principal id, or null for articles nobody is assigned to. */
  readonly assigneeId?: string | null;
  /** From this instant (inclusive), ISO 8601 with a time zone, on the sort date. */
  readonly since?: string;
  /** Up to this instant (exclusive). */
  readonly until?: string;
}

export interface SearchRequest {
  /** What the journalist typed (docs/search.md). */
  readonly query: string;
  readonly scope: SearchScope;
  readonly filters?: SearchFilters;
  /** `nextCursor` of the previous page of the same search. */
  readonly cursor?: string;
  /** 1–100, default 20. */
  readonly limit?: number;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** A checked request, turned into full-text expressions and rowid bounds. */
export interface SearchPlan {
  readonly query: SearchQuery;
  readonly limit: number;
  /** Every matching document, whatever its tier: for the total. */
  readonly all: string;
  /** The documents of each tier and of no higher one, highest tier first. */
  readonly tiers: readonly { readonly tier: Tier; readonly expression: string }[];
  readonly lowest: bigint;
  readonly beyond: bigint;
  readonly cursor: SearchCursor | undefined;
  readonly fingerprint: string;
}

export function planSearch(request: SearchRequest): SearchPlan {
  const limit = request.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new SearchError('invalid-limit', `limit must be a whole number from 1 to ${MAX_LIMIT}.`, 'limit');
  }
  const query = compileQuery(request.query);
  const filters = request.filters ?? {};
  const facets = facetsOf(request.scope, filters);
  const { lowest, beyond } = boundsOf(filters);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([query, request.scope, facets, lowest.toString(), beyond.toString()]))
    .digest('base64url')
    .slice(0, 16);
  const everywhere = TIERS.at(-1)!;
  const where = (columns: ColumnSet): string => allOf(query.included, columns);
  const excluded = query.excluded.length > 0 ? anyOf(query.excluded, everywhere) : undefined;
  const restricted = (expression: string, higher: string | undefined): string => {
    const not = [higher, excluded].filter((part) => part !== undefined);
    return `(${facets} AND ${expression})${not.length > 0 ? ` NOT (${not.map((part) => `(${part})`).join(' OR ')})` : ''}`;
  };
  const tiers = TIERS.map((tier, index) => ({
    tier,
    expression: restricted(`(${where(tier)})`, index === 0 ? undefined : where(TIERS[index - 1]!)),
  }));
  return {
    query,
    limit,
    all: restricted(`(${where(everywhere)})`, undefined),
    tiers,
    lowest,
    beyond,
    cursor:
      request.cursor === undefined
        ? undefined
        : decodeSearchCursor(
            request.cursor,
            fingerprint,
            TIERS.map((tier) => tier.tier),
          ),
    fingerprint,
  };
}

function facetsOf(scope: SearchScope, filters: SearchFilters): string {
  const live = scope.kind === 'live';
  const tokens: string[] = [facet.copy(live ? 'live' : 'working')];
  if (scope.kind === 'own-working-copies') {
    if (filters.authorId !== undefined && filters.authorId !== scope.authorId) {
      throw new SearchError('author-outside-scope', 'A writer searches only their own working copies.', 'author');
    }
    tokens.push(facet.author(scope.authorId));
  } else if (filters.authorId !== undefined) {
    tokens.push(facet.author(filters.authorId));
  }
  if (filters.topic !== undefined) tokens.push(facet.topic(filters.topic));
  let statuses = '';
  if (filters.statuses !== undefined) {
    if (live) throw new SearchError('filter-not-for-copy', 'Live copies have no workflow status to filter on.', 'status');
    const unknown = filters.statuses.filter((status) => !(ARTICLE_STATUSES as readonly string[]).includes(status));
    if (unknown.length > 0 || filters.statuses.length === 0) {
      throw new SearchError('invalid-filter', `status must be some of ${ARTICLE_STATUSES.join(', ')}.`, 'status');
    }
    statuses = ` AND (${[...new Set(filters.statuses)]
      .sort()
      .map((status) => ftsString(facet.status(status)))
      .join(' OR ')})`;
  }
  if (filters.assigneeId !== undefined) {
    if (live) throw new SearchError('filter-not-for-copy', 'Live copies have no assignee to filter on.', 'assignee');
    tokens.push(facet.assignee(filters.assigneeId));
  }
  return `({${FACETS_COLUMN}} : (${tokens.map(ftsString).join(' AND ')}${statuses}))`;
}

function boundsOf(filters: SearchFilters): { lowest: bigint; beyond: bigint } {
  const instant = (value: string | undefined, field: string): number | undefined => {
    if (value === undefined) return undefined;
    const ms = millisecondsOf(value);
    if (ms === undefined) throw new SearchError('invalid-date-range', `${field} must be an ISO 8601 instant with a time zone.`, field);
    return ms;
  };
  const since = instant(filters.since, 'since');
  const until = instant(filters.until, 'until');
  if (since !== undefined && until !== undefined && since >= until) {
    throw new SearchError('invalid-date-range', 'since must be before until.', 'since');
  }
  return {
    lowest: since === undefined ? LOWEST_ORDINAL : firstOrdinalOf(since),
    beyond: until === undefined ? BEYOND_ORDINALS : firstOrdinalOf(until),
  };
}
