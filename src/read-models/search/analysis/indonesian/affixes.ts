/**
 * Indonesian affixes as a reader peels them off a word: particles, then possessives, then the
 * derivational suffixes (kebijakan|nya|lah), and up to three prefixes from the outside in
 * (ke|pem|impin|an). The nasal prefixes me-/pe- change with the root's first sound and swallow
 * k, p, s and t, so each prefix can be read more than one way; the known roots decide.
 */

const PARTICLES = ['lah', 'kah', 'pun', 'tah'] as const;
const POSSESSIVES = ['nya', 'ku', 'mu'] as const;
const DERIVATIONAL = ['kan', 'an', 'i'] as const;

/** A root keeps at least this many letters: no reading leaves less. */
export const MIN_ROOT_LENGTH = 3;
const MAX_PREFIXES = 3;
const VOWEL = /^[aiueo]/;

/** The word itself, then every way of taking off a particle, a possessive and a derivational suffix. */
export function suffixReadings(word: string): string[] {
  const readings = [word];
  for (const suffixes of [PARTICLES, POSSESSIVES, DERIVATIONAL]) {
    for (const reading of [...readings]) {
      for (const suffix of suffixes) {
        if (reading.endsWith(suffix) && reading.length - suffix.length >= MIN_ROOT_LENGTH) readings.push(reading.slice(0, -suffix.length));
      }
    }
  }
  return [...new Set(readings)];
}

/** What may be left of `word` once one prefix is taken off, with a swallowed first consonant put back. */
export function prefixReadings(word: string): string[] {
  const readings: string[] = [];
  const add = (rest: string): void => {
    if (rest.length >= MIN_ROOT_LENGTH) readings.push(rest);
  };
  for (const prefix of ['di', 'ke', 'se', 'ter', 'ber', 'per']) if (word.startsWith(prefix)) add(word.slice(prefix.length));
  // te-, be-, pe- before a root that starts with r (terasa, berencana, perasaan); be- in bekerja.
  for (const prefix of ['te', 'be', 'pe']) {
    const rest = word.slice(2);
    if (word.startsWith(prefix) && (rest.startsWith('r') || (prefix === 'be' && rest.startsWith('kerja')))) add(rest);
  }
  // bel- and pel- occur only with ajar (belajar, pelajar).
  if (word.startsWith('belajar') || word.startsWith('pelajar')) add(word.slice(3));
  if (word.startsWith('me') || word.startsWith('pe')) for (const rest of nasalReadings(word.slice(2))) add(rest);
  return [...new Set(readings)];
}

/** `rest` follows me- or pe-: the nasal it starts with is the prefix's, or the root's own. */
function nasalReadings(rest: string): string[] {
  const readings: string[] = [];
  // me- + l, r, w, y, and roots that start with a nasal themselves (minta, nilai, nyata, ngeri).
  if (/^[lrwymn]/.test(rest)) readings.push(rest);
  if (rest.startsWith('ng')) {
    const root = rest.slice(2);
    if (VOWEL.test(root) || /^[ghk]/.test(root)) readings.push(root);
    if (VOWEL.test(root)) readings.push(`k${root}`);
    // menge- before one-syllable roots (mengebom, pengecatan).
    if (root.startsWith('e')) readings.push(root.slice(1));
  } else if (rest.startsWith('ny')) {
    const root = rest.slice(2);
    if (VOWEL.test(root)) readings.push(`s${root}`);
  } else if (rest.startsWith('n')) {
    const root = rest.slice(1);
    if (/^[dcjzst]/.test(root)) readings.push(root);
    if (VOWEL.test(root)) readings.push(`t${root}`);
  } else if (rest.startsWith('m')) {
    const root = rest.slice(1);
    if (/^[bfvp]/.test(root)) readings.push(root);
    if (VOWEL.test(root)) readings.push(`p${root}`);
  }
  return readings;
}

/**
 * The longest known root the word can be read as, affixes peeled off; undefined if none. A known
 * root ends the peeling ("berita" is a root, not ber- + ita).
 */
export function knownRootOf(word: string, roots: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  for (const core of suffixReadings(word)) {
    for (const root of rootsWithin(core, roots, 0)) {
      if (best === undefined || root.length > best.length || (root.length === best.length && root < best)) best = root;
    }
  }
  return best;
}

function rootsWithin(word: string, roots: ReadonlySet<string>, prefixes: number): string[] {
  if (roots.has(word)) return [word];
  if (prefixes === MAX_PREFIXES) return [];
  return prefixReadings(word).flatMap((rest) => rootsWithin(rest, roots, prefixes + 1));
}
