import type { ArticleContent } from '../../src/articles/model/content.js';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';

/**
 * The heavy inputs of issue 17's stall benchmark: articles near the content limits (450 blocks)
 * and a body with a huge number of unknown properties. Text is made of generated, word-like
 * tokens from a seeded generator, so runs are repeatable and two vocabularies never share a word.
 */

/** Two alphabets of syllables with no vowel in common: a word of one is never a word of the other. */
export type Vocabulary = 'a' | 'b';
const VOWELS: Record<Vocabulary, readonly string[]> = { a: ['a', 'i', 'u'], b: ['e', 'o'] };
const CONSONANTS = ['b', 'd', 'g', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'w'];

/** A small deterministic generator (32-bit xorshift): enough for text, not for anything secret. */
function generator(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** `words` word-like tokens of 2–3 syllables from one vocabulary, separated by spaces. */
export function generatedText(vocabulary: Vocabulary, words: number, seed: number): string {
  const next = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const syllables = 2 + Math.floor(next() * 2);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(CONSONANTS) + pick(VOWELS[vocabulary]);
    out.push(word);
  }
  return `${out.join(' ')}.`;
}

/** An article of `blocks` paragraphs of `wordsPerBlock` generated words each. */
export function generatedArticle(vocabulary: Vocabulary, blocks: number, wordsPerBlock: number, seed: number): ArticleContent {
  return {
    ...sampleArticleContent,
    headline: `Laporan panjang ${vocabulary.toUpperCase()} (${blocks} blok)`,
    body: Array.from({ length: blocks }, (_, index) => ({
      type: 'paragraph' as const,
      text: generatedText(vocabulary, wordsPerBlock, seed + index),
    })),
  };
}

/**
 * A valid article body (the sample article) with `count` extra top-level properties, each an
 * unknown field: what validation has to reject one by one. Keys are the shortest unique ones
 * (base 36), so that 120,000 of them fit under the default 1 MiB body limit.
 */
export function bodyWithUnknownProperties(count: number): string {
  const known = JSON.stringify(sampleArticleContent);
  const fields = new Set(Object.keys(sampleArticleContent)); // "dek" is a base-36 number too
  const extra: string[] = [];
  for (let i = 0; extra.length < count; i++) {
    const key = i.toString(36);
    if (!fields.has(key)) extra.push(`"${key}":0`);
  }
  return `${known.slice(0, -1)},${extra.join(',')}}`;
}
