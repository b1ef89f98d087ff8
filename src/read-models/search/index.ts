/**
 * Desk and site search (docs/search.md): the index of one read-model generation, the query language
 * it understands and who may search what. Nothing here knows how projections are wired.
 */
export { createSearchTables, SEARCH_TABLES, SearchIndex, type SearchHit, type SearchPage, type SearchTable } from './index/search-index.js';
export type { Copy, LiveCopyDocument, SearchDocument, WorkingCopyDocument } from './index/search-document.js';
export { DEFAULT_LIMIT, MAX_LIMIT, type SearchFilters, type SearchRequest } from './index/search-plan.js';
export type { Snippet, SnippetField } from './index/highlight.js';
export type { MatchedIn } from './index/columns.js';
export { MAX_PHRASE_WORDS, MAX_QUERY_LENGTH, MAX_TERMS, MIN_PREFIX_LENGTH } from './query/parse-query.js';
export { SearchError, type SearchErrorCode } from './search-error.js';
export { type SearchScope, workingCopyScopeFor } from './search-scope.js';
