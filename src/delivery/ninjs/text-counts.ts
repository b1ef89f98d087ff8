import { countGraphemes } from 'unicode-segmenter/grapheme';

/**
 * ninjs counts the characters and words of a body; both are counted as a reader (or a word
 * processor) would, in time that grows with the length of the text.
 *
 * A character is a grapheme cluster (Unicode UAX #29): an emoji with its modifiers is one, as is
 * a letter with its combining accent. unicode-segmenter counts them in one pass; Node 20's
 * Intl.Segmenter takes time that grows with the square of the text (about 1.5 s for 40,000
 * characters), so it only ever sees short runs here.
 *
 * A word is a run of text between spaces that holds a letter or a digit, so a dash alone is no
 * word and a reduplicated Indonesian word ("pompa-pompa") or a date ("19/1/2025") is one. In
 * scripts written without spaces (Chinese, Japanese, Thai, …) the words are UAX #29's, found in
 * pieces of at most 200 characters: a word cut by a piece's end counts twice, which is rare and
 * off by one at most per 200 characters. The root locale keeps the counts the same on every
 * machine, whatever its locale.
 */
const words = new Intl.Segmenter('und', { granularity: 'word' });

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WITHOUT_SPACES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const PIECE = 200;

export interface TextCounts {
  readonly charcount: number;
  readonly wordcount: number;
}

/** Line breaks only separate blocks and lines; they are not characters of the text. */
export function countText(text: string): TextCounts {
  const charcount = countGraphemes(text.replace(/\r?\n/g, ''));
  let wordcount = 0;
  for (const token of text.split(/\s+/u)) wordcount += wordsIn(token);
  return { charcount, wordcount };
}

function wordsIn(token: string): number {
  if (!LETTER_OR_DIGIT.test(token)) return 0;
  if (!WITHOUT_SPACES.test(token)) return 1;
  const codePoints = [...token];
  let count = 0;
  for (let start = 0; start < codePoints.length; start += PIECE) {
    for (const segment of words.segment(codePoints.slice(start, start + PIECE).join(''))) if (segment.isWordLike === true) count += 1;
  }
  return count;
}
