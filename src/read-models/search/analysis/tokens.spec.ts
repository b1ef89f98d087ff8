import { ANALYSERS } from './analysers.js';
import { MAX_PIECE_LENGTH, tokenize } from './tokens.js';

const terms = (text: string, analyser = ANALYSERS.indonesian) => tokenize(text, analyser).map((token) => token.term);

describe('tokenize', () => {
  test('gives every token its place in the original text', () => {
    const text = 'Warga Pérez, di “Kali Angke”.';
    expect(tokenize(text, ANALYSERS.plain).map((token) => text.slice(token.start, token.end))).toEqual([
      'Warga',
      'Pérez',
      'di',
      'Kali',
      'Angke',
    ]);
  });

  test('a reduplicated word is one token, with both written halves for prefixes', () => {
    const [token] = tokenize('orang-orangnya', ANALYSERS.indonesian);
    expect(token).toEqual({ term: 'orang', surfaces: ['orang', 'orangnya'], start: 0, end: 14 });
    expect(terms('tembak-menembak')).toEqual(['tembak']);
    expect(terms('kupu-kupu', ANALYSERS.plain)).toEqual(['kupu']);
  });

  test('other hyphenated words are their parts, in order', () => {
    expect(terms('Covid-19 dan e-KTP')).toEqual(['covid', '19', 'dan', 'e', 'ktp']);
    expect(terms('sayur-mayur')).toEqual(['sayur', 'mayur']);
  });

  test("an apostrophe inside a word joins it: Jum'at is Jumat", () => {
    expect(terms("Jum'at")).toEqual(terms('Jumat'));
    expect(terms('don’t', ANALYSERS.english)).toEqual(['dont']);
  });

  test('punctuation and symbols are not tokens; digits are', () => {
    expect(terms('1.000 orang (19/1/2025) & <b>')).toEqual(['1', '000', 'orang', '19', '1', '2025', 'b']);
    expect(terms('½')).toEqual(['1', '2']);
  });

  test('tokens hold letters and digits only, and are cut at a bounded length', () => {
    const long = 'x'.repeat(500);
    expect(terms(long, ANALYSERS.plain)).toEqual(['x'.repeat(MAX_PIECE_LENGTH)]);
    for (const token of tokenize('a\u0301b\u200Bc ①②  ℀ \uE000', ANALYSERS.plain)) expect(token.term).toMatch(/^[\p{L}\p{N}]+$/u);
  });
});
