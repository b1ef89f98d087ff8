import { createRequire } from 'node:module';
import { memoize } from './memo.js';

// The package is CommonJS and ships no types: one function from a lowercase English word to its Porter2 stem.
const porter2 = createRequire(import.meta.url)('wink-porter2-stemmer') as (word: string) => string;

const LETTERS_ONLY = /^[a-z]+$/;

/** Porter2 (the Snowball English algorithm) on a folded word; numbers and other scripts stay as they are. */
export const stemEnglish: (word: string) => string = memoize((word) => (LETTERS_ONLY.test(word) ? porter2(word) : word), 50_000);
