import { SearchError } from '../search-error.js';
import { compileQuery } from './compile-query.js';
import { MAX_QUERY_LENGTH, MAX_TERMS, parseQuery } from './parse-query.js';

function errorOf(query: string): SearchError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof SearchError) return error;
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

describe('parseQuery', () => {
  test('words: every one must match', () => {
    expect(parseQuery('banjir  Jakarta')).toEqual({
      included: [
        { kind: 'words', text: 'banjir', excluded: false },
        { kind: 'words', text: 'Jakarta', excluded: false },
      ],
      excluded: [],
    });
  });

  test('"a phrase", in straight or curly quotes', () => {
    expect(parseQuery('"gencatan senjata" “Kali Angke”').included).toEqual([
      { kind: 'words', text: 'gencatan senjata', excluded: false },
      { kind: 'words', text: 'Kali Angke', excluded: false },
    ]);
  });

  test('prefix*: folded, case and accents aside', () => {
    expect(parseQuery('Azér*').included).toEqual([{ kind: 'prefix', prefix: 'azer', excluded: false }]);
  });

  test('-excluded: a word, a phrase or a prefix', () => {
    expect(parseQuery('banjir -Bekasi -"Kali Angke" -pomp*')).toEqual({
      included: [{ kind: 'words', text: 'banjir', excluded: false }],
      excluded: [
        { kind: 'words', text: 'Bekasi', excluded: true },
        { kind: 'words', text: 'Kali Angke', excluded: true },
        { kind: 'prefix', prefix: 'pomp', excluded: true },
      ],
    });
  });

  test('a hyphen inside a word or standing alone excludes nothing', () => {
    expect(parseQuery('kota-kota - covid-19').excluded).toEqual([]);
    expect(parseQuery('kota-kota - covid-19').included).toHaveLength(2);
  });

  test('operators and punctuation are text, never syntax', () => {
    expect(
      parseQuery('banjir AND (NOT Jakarta) OR {headline}: NEAR(x y) ^a +b').included.map((term) => term.kind === 'words' && term.text),
    ).toEqual(['banjir', 'AND', '(NOT', 'Jakarta)', 'OR', '{headline}:', 'NEAR(x', 'y)', '^a', '+b']);
    expect(parseQuery('banjir & !!! …').included).toHaveLength(1);
  });

  test.each([
    ['', 'empty-query'],
    ['   ', 'empty-query'],
    ['!!! ... &&', 'empty-query'],
    ['-banjir -"Kali Angke"', 'only-excluded'],
    ['"gencatan senjata', 'unclosed-phrase'],
    ['a*', 'prefix-too-short'],
    ['covid-1*', 'prefix-not-one-word'],
    [`"${Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ')}"`, 'phrase-too-long'],
    [Array.from({ length: MAX_TERMS + 1 }, (_, i) => `w${i}`).join(' '), 'too-many-terms'],
    ['x'.repeat(MAX_QUERY_LENGTH + 1), 'query-too-long'],
  ])('%j is refused: %s', (query, code) => {
    const error = errorOf(query);
    expect(error.code).toBe(code);
    expect(error.field).toBe('q');
    expect(error.message.length).toBeGreaterThan(10);
  });
});

describe('compileQuery', () => {
  test('analyses each term the way every language indexes it', () => {
    expect(compileQuery('meredakan').included).toEqual([
      { kind: 'words', sequences: { indonesian: ['reda'], english: ['meredakan'], plain: ['meredakan'] } },
    ]);
    expect(compileQuery('"Elections held"').included).toEqual([
      { kind: 'words', sequences: { indonesian: ['elections', 'held'], english: ['elect', 'held'], plain: ['elections', 'held'] } },
    ]);
  });

  test('a word written with hyphens that is no reduplication is a phrase of its parts', () => {
    expect(compileQuery('covid-19').included).toEqual([
      { kind: 'words', sequences: { indonesian: ['covid', '19'], english: ['covid', '19'], plain: ['covid', '19'] } },
    ]);
    expect(compileQuery('kota-kota').included).toEqual([
      { kind: 'words', sequences: { indonesian: ['kota'], english: ['kota'], plain: ['kota'] } },
    ]);
  });
});
