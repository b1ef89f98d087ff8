import { type WordPart, wordDiff } from './text-diff.js';

const spelled = (words: readonly WordPart[], side: 'delete' | 'insert') =>
  words
    .filter(({ op }) => op === 'equal' || op === side)
    .map(({ text }) => text)
    .join('');

describe('wordDiff', () => {
  it('groups a rewritten phrase into one deletion and one insertion', () => {
    expect(wordDiff('Petugas berjaga selama 24 jam.', 'Pada Selasa BPBD menambah pompa.')).toEqual([
      { op: 'delete', text: 'Petugas berjaga selama 24 jam' },
      { op: 'insert', text: 'Pada Selasa BPBD menambah pompa' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('keeps whitespace-only changes exact, so both texts can be rebuilt', () => {
    const words = wordDiff('Kali  Angke dan', 'Kali Angke dan Ciputat');
    expect(spelled(words, 'delete')).toBe('Kali  Angke dan');
    expect(spelled(words, 'insert')).toBe('Kali Angke dan Ciputat');
  });

  it('gives up word by word on two long unrelated texts, and says all was replaced', () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `kata${i}`).join(' ');
    const after = Array.from({ length: 3_000 }, (_, i) => `lain${i}`).join(' ');
    expect(wordDiff(before, after)).toEqual([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ]);
  });
});
