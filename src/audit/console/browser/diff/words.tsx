import type { TextChange } from '../api/wire.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * One side of a word-level change: the older text with its deleted runs marked, or the newer
 * with its inserted runs. Marked by element (del/ins), style and a word for screen readers,
 * never by colour alone.
 */
export function WordSide({ change, side }: { readonly change: TextChange; readonly side: 'before' | 'after' }) {
  const { t } = useI18n();
  const mine = side === 'before' ? 'delete' : 'insert';
  return (
    <>
      {change.words
        .filter((part) => part.op === 'equal' || part.op === mine)
        .map((part, index) =>
          part.op === 'equal' ? (
            <span key={index}>{part.text}</span>
          ) : part.op === 'delete' ? (
            <del key={index}>
              <span class="sr-only">[{t('deletedMark')} </span>
              {part.text}
              <span class="sr-only">]</span>
            </del>
          ) : (
            <ins key={index}>
              <span class="sr-only">[{t('insertedMark')} </span>
              {part.text}
              <span class="sr-only">]</span>
            </ins>
          ),
        )}
    </>
  );
}

/** A whole text that was only on one side: all of it deleted, or all of it inserted. */
export function WholeText({ text, side }: { readonly text: string; readonly side: 'before' | 'after' }) {
  return <WordSide change={{ before: text, after: text, words: [{ op: side === 'before' ? 'delete' : 'insert', text }] }} side={side} />;
}
