/**
 * ninjs counts the characters and words of a body; both are counted as a reader (or a word
 * processor) would. A character is a grapheme cluster (Unicode UAX #29, built into Node): an
 * emoji with its modifiers is one, as is a letter with its combining accent. A word is a run of
 * text between spaces that holds a letter or a digit, so a dash alone is no word and a
 * reduplicated Indonesian word ("pompa-pompa") or a date ("19/1/2025") is one; in scripts
 * written without spaces (Chinese, Japanese, Thai, …) the words are UAX #29's. The root locale
 * keeps the counts the same on every machine, whatever its locale.
 */
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const words = new Intl.Segmenter('und', { granularity: 'word' });

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WITHOUT_SPACES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

export interface TextCounts {
  readonly charcount: number;
  readonly wordcount: number;
}

/** Line breaks only separate blocks and lines; they are not characters of the text. */
export function countText(text: string): TextCounts {
  let charcount = 0;
  for (const { segment } of graphemes.segment(text)) if (segment !== '\n' && segment !== '\r\n') charcount += 1;
  let wordcount = 0;
  for (const token of text.split(/\s+/u)) wordcount += wordsIn(token);
  return { charcount, wordcount };
}

function wordsIn(token: string): number {
  if (!LETTER_OR_DIGIT.test(token)) return 0;
  if (!WITHOUT_SPACES.test(token)) return 1;
  let count = 0;
  for (const segment of words.segment(token)) if (segment.isWordLike === true) count += 1;
  return count;
}
