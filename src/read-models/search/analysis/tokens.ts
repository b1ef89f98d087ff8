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
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const offset = match.index;
    for (const token of wordTokens(match[0], analyser)) {
      tokens.push({ term: token.term, surfaces: token.surfaces, start: offset + token.start, end: offset + token.end });
    }
  }
  return tokens;
}

/**
 * The same tokens without their places, for indexing: the objects are shared between every
 * occurrence of a written word, so a long text costs no allocation per word.
 */
export function indexTokens(text: string, analyser: Analyser): readonly Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) tokens.push(...wordTokens(match[0], analyser));
  return tokens;
}

/** A newsroom writes the same words again and again: each analyser remembers its tokens of a written word (bounded). */
const WORDS = new Map<Analyser, Map<string, readonly Token[]>>();
const WORDS_CAPACITY = 200_000;

/** The tokens of one written word, with places inside the word. */
function wordTokens(word: string, analyser: Analyser): readonly Token[] {
  let known = WORDS.get(analyser);
  if (known === undefined) {
    known = new Map();
    WORDS.set(analyser, known);
  }
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  if (known.size >= WORDS_CAPACITY) known.clear();
  const tokens = analyse(word, analyser);
  known.set(word, tokens);
  return tokens;
}

function analyse(word: string, analyser: Analyser): Token[] {
  const parts = hyphenParts(word);
  if (parts.length === 2 && parts[0]!.length === 1 && parts[1]!.length === 1) {
    const a = parts[0]![0]!;
    const b = parts[1]![0]!;
    const term = analyser.term(a.text);
    if (a.text === b.text || term === analyser.term(b.text)) {
      return [{ term, surfaces: a.text === b.text ? [a.text] : [a.text, b.text], start: 0, end: word.length }];
    }
  }
  return parts.flat().map((piece) => ({ term: analyser.term(piece.text), surfaces: [piece.text], start: piece.start, end: piece.end }));
}

/** The folded pieces of each hyphen-separated part of a word, with offsets inside the word. */
function hyphenParts(word: string): Piece[][] {
  const parts: Piece[][] = [];
  let from = 0;
  for (const hyphen of [...word.matchAll(HYPHEN), undefined]) {
    const to = hyphen?.index ?? word.length;
    const pieces = fold(word.slice(from, to).replace(APOSTROPHES, ''))
      .split(NOT_ALPHANUMERIC)
      .filter((text) => text !== '')
      .map((text) => ({ text: text.slice(0, MAX_PIECE_LENGTH), start: from, end: to }));
    parts.push(pieces);
    from = to + 1;
  }
  return parts;
}
