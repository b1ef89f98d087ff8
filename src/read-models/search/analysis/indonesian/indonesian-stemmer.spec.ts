import { APART_PAIRS, MEETING_PAIRS } from '../../testing/word-pairs.js';
import { ANALYSERS } from '../analysers.js';
import { tokenize } from '../tokens.js';
import { knownRootOf, prefixReadings, suffixReadings } from './affixes.js';
import { stemIndonesian } from './indonesian-stemmer.js';

/** The terms a written word becomes (a reduplicated word is one). */
const termsOf = (written: string): string[] => tokenize(written, ANALYSERS.indonesian).map((token) => token.term);

describe('Indonesian stemming', () => {
  test(`covers at least 30 pairs of word forms (${MEETING_PAIRS.length})`, () => {
    expect(MEETING_PAIRS.length).toBeGreaterThanOrEqual(30);
  });

  test.each(MEETING_PAIRS)('%s and %s become one term (%s)', (a, b) => {
    expect(termsOf(a)).toHaveLength(1);
    expect(termsOf(a)).toEqual(termsOf(b));
  });

  test.each(APART_PAIRS)('%s and %s stay apart', (a, b) => {
    expect(termsOf(a)).not.toEqual(termsOf(b));
  });

  test.each([
    ['mengatakan', 'kata'],
    ['menerima', 'terima'],
    ['berita', 'berita'],
    ['pemerintah', 'perintah'],
    ['kepemimpinan', 'pimpin'],
    ['menyampaikan', 'sampai'],
    ['kebijakannya', 'bijak'],
  ])('%s has the root %s', (word, root) => {
    expect(stemIndonesian(word)).toBe(root);
  });

  test('unknown words fall back to the Snowball rules, with the t that men- swallows put back', () => {
    expect(stemIndonesian('menendang')).toBe('tendang');
    expect(stemIndonesian('ditendang')).toBe('tendang');
    expect(stemIndonesian('penonton')).toBe('tonton');
  });

  test('numbers, codes and other scripts are kept as written', () => {
    expect(stemIndonesian('2025')).toBe('2025');
    expect(stemIndonesian('covid19')).toBe('covid19');
    expect(stemIndonesian('москва')).toBe('москва');
  });

  test('reads suffixes from the outside in and keeps a root of three letters at least', () => {
    expect(suffixReadings('kebijakannya')).toEqual(expect.arrayContaining(['kebijakannya', 'kebijakan', 'kebijak']));
    expect(suffixReadings('ikan')).toEqual(['ikan']);
  });

  test('puts back what a nasal prefix swallowed, every way it could have been', () => {
    expect(prefixReadings('mengirim')).toEqual(expect.arrayContaining(['irim', 'kirim']));
    expect(prefixReadings('menulis')).toEqual(expect.arrayContaining(['tulis']));
    expect(prefixReadings('memukul')).toEqual(expect.arrayContaining(['pukul']));
    expect(prefixReadings('menyapu')).toEqual(expect.arrayContaining(['sapu']));
    expect(prefixReadings('meminta')).toEqual(expect.arrayContaining(['minta']));
  });

  test('a known root stops the reading and the longest root wins', () => {
    const roots = new Set(['berita', 'ita', 'kata']);
    expect(knownRootOf('berita', roots)).toBe('berita');
    expect(knownRootOf('pemberitaan', roots)).toBe('berita');
    expect(knownRootOf('mengatakannya', roots)).toBe('kata');
    expect(knownRootOf('tidak', roots)).toBeUndefined();
  });
});
