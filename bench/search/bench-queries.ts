import { SeededRandom } from './seeded-random.js';
import { DESKS, LAST_NAMES, PLACES } from './word-lists.js';

export type QueryKind = 'one word' | 'two words' | 'phrase' | 'prefix';

/** Queries like the desk types them, drawn from the generator's vocabulary (so most of them find something). */
export function benchQueries(kind: QueryKind, count: number, seed: number): string[] {
  const r = new SeededRandom(seed);
  const nouns = DESKS.flatMap((desk) => desk.nouns);
  const words = [
    ...new Set([...nouns.flatMap((noun) => noun.split(' ')), ...PLACES.map((place) => place.split(' ')[0]!), ...LAST_NAMES]),
  ].map((word) => word.toLowerCase());
  const sentenceWords = DESKS.flatMap((desk) => desk.sentences).map((sentence) =>
    sentence
      .replace(/\{\w+\}/g, ' ')
      .split(/[\s,.]+/)
      .filter((word) => word.length > 1),
  );
  return Array.from({ length: count }, () => {
    switch (kind) {
      case 'one word':
        return r.pick(words);
      case 'two words':
        return r.next() < 0.5
          ? `${r.pick(nouns.filter((noun) => !noun.includes(' ')))} ${r.pick(PLACES).split(' ')[0]!}`
          : `${r.pick(words)} ${r.pick(words)}`;
      case 'phrase': {
        const sentence = r.pick(sentenceWords.filter((candidate) => candidate.length >= 4));
        const length = r.int(2, 3);
        const start = r.int(0, sentence.length - length);
        return `"${sentence.slice(start, start + length).join(' ')}"`;
      }
      case 'prefix': {
        const word = r.pick(words.filter((candidate) => candidate.length >= 5));
        return `${word.slice(0, r.int(3, 5))}*`;
      }
    }
  });
}
