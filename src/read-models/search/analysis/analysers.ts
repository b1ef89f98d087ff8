import { stemEnglish } from './english-stemmer.js';
import { stemIndonesian } from './indonesian/indonesian-stemmer.js';

/** How the words of one language become index terms. */
export interface Analyser {
  readonly name: AnalyserName;
  /** The index term of one folded word piece (letters and digits only). */
  term(piece: string): string;
}

export const ANALYSER_NAMES = ['indonesian', 'english', 'plain'] as const;
export type AnalyserName = (typeof ANALYSER_NAMES)[number];

export const ANALYSERS: Readonly<Record<AnalyserName, Analyser>> = {
  indonesian: { name: 'indonesian', term: stemIndonesian },
  english: { name: 'english', term: stemEnglish },
  // Any other language: folded, never stemmed, so no language is cut by another's rules.
  plain: { name: 'plain', term: (piece) => piece },
};

/** The analyser for an article's `language` (BCP 47): id and id-*, en and en-*, anything else plain. */
export function analyserFor(language: string): Analyser {
  const primary = language.trim().toLowerCase().split(/[-_]/, 1)[0];
  if (primary === 'id') return ANALYSERS.indonesian;
  if (primary === 'en') return ANALYSERS.english;
  return ANALYSERS.plain;
}
