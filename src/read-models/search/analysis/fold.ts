/**
 * Letters that compatibility decomposition (NFKD) leaves whole but a reader treats as plain Latin
 * letters: without them "Łódź" or "Straße" would not meet "lodz" or "strasse".
 */
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ς: 'σ',
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');
const MARKS = /\p{M}+/gu;

/**
 * Case- and diacritics-folding: NFKD splits letters from their accents (and ligatures and
 * full-width forms into plain letters), lowercasing comes before the marks are dropped so that
 * the dot of a lowercased "İ" goes too. "Pérez" → "perez", "ＡＢＣ" → "abc", "ﬁ" → "fi".
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(SPECIAL, (letter) => LETTERS[letter] ?? letter);
}
