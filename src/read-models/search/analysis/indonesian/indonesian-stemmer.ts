import { stemmer as snowballIndonesian } from '@orama/stemmers/indonesian';
import { memoize } from '../memo.js';
import { knownRootOf } from './affixes.js';
import { KNOWN_ROOTS } from './known-roots.js';

const LETTERS_ONLY = /^[a-z]+$/;
const SWALLOWED_T = /^(me|pe)n[aiueo]/;
const VOWEL = /^[aiueo]/;

/**
 * The root of one folded Indonesian word: a known root if the word is one with affixes
 * (known-roots.ts), otherwise what the Snowball Indonesian algorithm leaves, with the t that men-
 * and pen- swallow put back ("menendang" → tendang, as "ditendang"). Words with digits or letters
 * outside a–z (numbers, codes, names in other scripts) are kept as they are.
 */
export const stemIndonesian: (word: string) => string = memoize((word) => {
  if (!LETTERS_ONLY.test(word)) return word;
  const known = knownRootOf(word, KNOWN_ROOTS);
  if (known !== undefined) return known;
  const stem = snowballIndonesian(word);
  // Snowball restores the p of mem- and the s of meny-, not the t of men-: only a vowel is left.
  if (SWALLOWED_T.test(word) && VOWEL.test(stem) && word.slice(3).startsWith(stem)) return `t${stem}`;
  return stem;
}, 100_000);
