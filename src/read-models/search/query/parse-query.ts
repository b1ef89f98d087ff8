import { ANALYSERS } from '../analysis/analysers.js';
import { tokenize } from '../analysis/tokens.js';
import { SearchError } from '../search-error.js';

/** One thing the journalist typed: words that must all appear in order, or a word prefix. */
export type QueryTerm =
  | { readonly kind: 'words'; readonly text: string; readonly excluded: boolean }
  | { readonly kind: 'prefix'; readonly prefix: string; readonly excluded: boolean };

export interface ParsedQuery {
  readonly included: readonly QueryTerm[];
  readonly excluded: readonly QueryTerm[];
}

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 12;
export const MAX_PHRASE_WORDS = 12;
export const MIN_PREFIX_LENGTH = 2;

const QUOTES = new Set(['"', '“', '”', '„']);
const SPACE = /\s/u;

/**
 * The query language: words (all must match), "a phrase" (straight or curly quotes), prefix* and
 * -excluded (a word, a phrase or a prefix). Everything else a journalist might type (AND, OR,
 * brackets, colons, plus signs) is text: punctuation is dropped by the analysis and operator words
 * are searched as words. A word written with hyphens or dots that are not a reduplication
 * (covid-19, 1.000) is a phrase of its parts.
 */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new SearchError('query-too-long', `The query has ${input.length} characters; at most ${MAX_QUERY_LENGTH} are searched.`, 'q');
  }
  const terms: QueryTerm[] = [];
  let at = 0;
  while (at < input.length) {
    const char = input[at]!;
    if (SPACE.test(char)) {
      at += 1;
      continue;
    }
    const excluded = char === '-' && at + 1 < input.length && !SPACE.test(input[at + 1]!);
    const start = excluded ? at + 1 : at;
    if (QUOTES.has(input[start]!)) {
      const close = indexOfQuote(input, start + 1);
      if (close < 0) {
        throw new SearchError('unclosed-phrase', `The phrase opened at character ${start + 1} has no closing quote.`, 'q');
      }
      pushWords(terms, input.slice(start + 1, close), excluded);
      at = close + 1;
      continue;
    }
    let end = start;
    while (end < input.length && !SPACE.test(input[end]!) && !QUOTES.has(input[end]!)) end += 1;
    const chunk = input.slice(start, end);
    if (chunk.endsWith('*')) pushPrefix(terms, chunk.replace(/\*+$/u, ''), excluded);
    else pushWords(terms, chunk, excluded);
    at = end;
  }
  return check(terms);
}

function indexOfQuote(input: string, from: number): number {
  for (let at = from; at < input.length; at += 1) if (QUOTES.has(input[at]!)) return at;
  return -1;
}

function pushWords(terms: QueryTerm[], text: string, excluded: boolean): void {
  const words = tokenize(text, ANALYSERS.plain).length;
  if (words === 0) return;
  if (words > MAX_PHRASE_WORDS) {
    throw new SearchError('phrase-too-long', `"${text}" has ${words} words; a phrase may have at most ${MAX_PHRASE_WORDS}.`, 'q');
  }
  terms.push({ kind: 'words', text, excluded });
}

function pushPrefix(terms: QueryTerm[], text: string, excluded: boolean): void {
  const tokens = tokenize(text, ANALYSERS.plain);
  if (tokens.length === 0) return;
  const [token] = tokens;
  if (tokens.length > 1 || token!.surfaces.length > 1) {
    throw new SearchError('prefix-not-one-word', `"${text}*" is more than one word; a prefix is the start of one word.`, 'q');
  }
  const prefix = token!.surfaces[0]!;
  if (prefix.length < MIN_PREFIX_LENGTH) {
    throw new SearchError('prefix-too-short', `"${text}*" is too short; a prefix needs at least ${MIN_PREFIX_LENGTH} letters.`, 'q');
  }
  terms.push({ kind: 'prefix', prefix, excluded });
}

function check(terms: readonly QueryTerm[]): ParsedQuery {
  if (terms.length === 0) throw new SearchError('empty-query', 'The query has no words to search for.', 'q');
  if (terms.length > MAX_TERMS) {
    throw new SearchError('too-many-terms', `The query has ${terms.length} terms; at most ${MAX_TERMS} are allowed.`, 'q');
  }
  const included = terms.filter((term) => !term.excluded);
  if (included.length === 0) {
    throw new SearchError('only-excluded', 'The query only excludes words; say what to search for as well.', 'q');
  }
  return { included, excluded: terms.filter((term) => term.excluded) };
}
