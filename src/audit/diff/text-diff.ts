import { type Change, diffWords, diffWordsWithSpace } from 'diff';

/** One run of a word-level diff; `equal` + `delete` spell the old text, `equal` + `insert` the new. */
export interface WordPart {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
}

export interface TextChange {
  readonly before: string;
  readonly after: string;
  readonly words: readonly WordPart[];
}

export interface ValueChange<T> {
  readonly before: T;
  readonly after: T;
}

// Bounds the work on two long, unrelated texts (a block can hold 20,000 characters): giving up
// after 500 word edits costs tens of milliseconds, and past that many edits "all replaced" is
// what a reader would see anyway.
const MAX_EDIT_LENGTH = 500;

/**
 * Word-level diff (jsdiff). diffWords groups a rewritten phrase into one deletion and one
 * insertion, which reads far better than word-by-word alternation, but it glosses over
 * whitespace-only changes; when its parts would not spell both texts exactly, the
 * whitespace-exact diffWordsWithSpace is used instead, so a UI can always rebuild either side.
 */
export function wordDiff(before: string, after: string): WordPart[] {
  const grouped = parts(diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH }));
  if (grouped !== undefined && spells(grouped, 'delete', before) && spells(grouped, 'insert', after)) return grouped;
  const exact = grouped === undefined ? undefined : parts(diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH }));
  if (exact !== undefined) return exact;
  // Too many edits to be worth showing word by word.
  return [
    { op: 'delete' as const, text: before },
    { op: 'insert' as const, text: after },
  ].filter((part) => part.text !== '');
}

function parts(changes: readonly Change[] | undefined): WordPart[] | undefined {
  return changes?.map((change) => ({ op: change.added ? 'insert' : change.removed ? 'delete' : 'equal', text: change.value }));
}

function spells(words: readonly WordPart[], side: 'delete' | 'insert', text: string): boolean {
  return (
    words
      .filter(({ op }) => op === 'equal' || op === side)
      .map((part) => part.text)
      .join('') === text
  );
}

export function textChange(before: string, after: string): TextChange | undefined {
  return before === after ? undefined : { before, after, words: wordDiff(before, after) };
}

export function valueChange<T>(before: T, after: T, same: (a: T, b: T) => boolean = Object.is): ValueChange<T> | undefined {
  return same(before, after) ? undefined : { before, after };
}
