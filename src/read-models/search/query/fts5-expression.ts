import type { SearchTerm } from './compile-query.js';

/** Columns an expression looks in: index terms for words and phrases, written words for prefixes. */
export interface ColumnSet {
  readonly terms: readonly string[];
  readonly words: readonly string[];
}

const SAFE_TOKEN = /^[\p{L}\p{N}]+$/u;

/**
 * Every token goes into the expression as an FTS5 string, so nothing a user types can become
 * syntax (AND, NEAR, column filters, carets). The analysis only yields letters and digits; a token
 * with anything else means a bug, and is refused rather than escaped.
 */
export function ftsString(token: string): string {
  if (!SAFE_TOKEN.test(token)) throw new Error(`Refusing to put ${JSON.stringify(token)} into a full-text query`);
  return `"${token}"`;
}

/** One term, anywhere in the given columns: the OR of its analysers' phrases, or a prefix. */
export function termExpression(term: SearchTerm, columns: ColumnSet): string {
  if (term.kind === 'prefix') return `{${columns.words.join(' ')}} : ${ftsString(term.prefix)}*`;
  const phrases = [...new Set(Object.values(term.sequences).map((sequence) => sequence.map(ftsString).join(' + ')))].sort();
  return `{${columns.terms.join(' ')}} : (${phrases.join(' OR ')})`;
}

/** Every term, each somewhere in the given columns. */
export function allOf(terms: readonly SearchTerm[], columns: ColumnSet): string {
  return terms.map((term) => `(${termExpression(term, columns)})`).join(' AND ');
}

/** Any of the terms, in the given columns. */
export function anyOf(terms: readonly SearchTerm[], columns: ColumnSet): string {
  return terms.map((term) => `(${termExpression(term, columns)})`).join(' OR ');
}
