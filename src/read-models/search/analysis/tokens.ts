import type { Analyser } from './analysers.js';
import { fold } from './fold.js';

/** One index term and where it was written. */
export interface Token {
  /** What the index holds and queries meet: the analyser's term for the written word. */
  readonly term: string;
  /** The folded written forms behind it, which prefix queries match ("kota-kota" → ["kota"]). */
  readonly surfaces: readonly string[];
  /** Where it was written in the original text, in UTF-16 code units (end exclusive). */
  readonly start: number;
  readonly end: number;
}

interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const PART = String.raw`[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{N}\p{M}]+)*`;
/** A written word: letters, digits and marks, joined inside by apostrophes (Jum'at) and hyphens (kota-kota). */
const WORD = new RegExp(`${PART}(?:[-‐‑]${PART})*`, 'gu');
const HYPHEN = /[-‐‑]/gu;
const APOSTROPHES = /['’ʼ]/gu;
/** Folding can turn a letter into something with punctuation in it ("½" → "1⁄2"): only letters and digits stay. */
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/u;
/** Longer pieces (codes, run-together junk) are cut, the same way in texts and queries. */
export const MAX_PIECE_LENGTH = 64;

/**
 * The tokens of a text under one analyser. Apostrophes inside a word vanish (Jum'at = Jumat), hyphens
 * split it, except that a reduplicated word (kota-kota, berlari-lari, tembak-menembak: both halves
 * with one term) is one token, as its single form is.
 */
export function tokenize(text: string, analyser: Analyser): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const parts = hyphenParts(match[0], match.index);
    const first = parts[0];
    const second = parts[1];
    if (parts.length === 2 && first?.length === 1 && second?.length === 1) {
      const [a] = first;
      const [b] = second;
      const term = analyser.term(a!.text);
      if (a!.text === b!.text || term === analyser.term(b!.text)) {
        const surfaces = a!.text === b!.text ? [a!.text] : [a!.text, b!.text];
        tokens.push({ term, surfaces, start: match.index, end: match.index + match[0].length });
        continue;
      }
    }
    for (const piece of parts.flat())
      tokens.push({ term: analyser.term(piece.text), surfaces: [piece.text], start: piece.start, end: piece.end });
  }
  return tokens;
}

/** The folded pieces of each hyphen-separated part of a word written at `offset`. */
function hyphenParts(word: string, offset: number): Piece[][] {
  const parts: Piece[][] = [];
  let from = 0;
  for (const hyphen of [...word.matchAll(HYPHEN), undefined]) {
    const to = hyphen?.index ?? word.length;
    const start = offset + from;
    const end = offset + to;
    const pieces = fold(word.slice(from, to).replace(APOSTROPHES, ''))
      .split(NOT_ALPHANUMERIC)
      .filter((text) => text !== '')
      .map((text) => ({ text: text.slice(0, MAX_PIECE_LENGTH), start, end }));
    parts.push(pieces);
    from = to + 1;
  }
  return parts;
}
