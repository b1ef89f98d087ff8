import porter2 from 'wink-porter2-stemmer';
import { memoize } from './memo.js';

const LETTERS_ONLY = /^[a-z]+$/;

/** Porter2 (the Snowball English algorithm) on a folded word; numbers and other scripts stay as they are. */
export const stemEnglish: (word: string) => string = memoize((word) => (LETTERS_ONLY.test(word) ? porter2(word) : word), 50_000);
