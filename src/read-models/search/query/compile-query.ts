import { ANALYSER_NAMES, ANALYSERS, type AnalyserName } from '../analysis/analysers.js';
import { tokenize } from '../analysis/tokens.js';
import { type ParsedQuery, parseQuery, type QueryTerm } from './parse-query.js';

/** A query term as the index meets it. */
export type SearchTerm =
  /** Index terms in order, under each analyser: a document is matched by its own language's. */
  | { readonly kind: 'words'; readonly sequences: Readonly<Record<AnalyserName, readonly string[]>> }
  /** The start of a folded written word. */
  | { readonly kind: 'prefix'; readonly prefix: string };

export interface SearchQuery {
  readonly included: readonly SearchTerm[];
  readonly excluded: readonly SearchTerm[];
}

/** Parses and analyses a query: the same analysis as the indexed text, for every language an article may have. */
export function compileQuery(input: string): SearchQuery {
  const parsed: ParsedQuery = parseQuery(input);
  return { included: parsed.included.map(searchTerm), excluded: parsed.excluded.map(searchTerm) };
}

function searchTerm(term: QueryTerm): SearchTerm {
  if (term.kind === 'prefix') return { kind: 'prefix', prefix: term.prefix };
  const sequences = Object.fromEntries(
    ANALYSER_NAMES.map((name) => [name, tokenize(term.text, ANALYSERS[name]).map((token) => token.term)]),
  ) as Record<AnalyserName, string[]>;
  return { kind: 'words', sequences };
}
