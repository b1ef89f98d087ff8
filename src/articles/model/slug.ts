export const MAX_SLUG_LENGTH = 80;
export const FALLBACK_SLUG = 'artikel';
/** Room for the shell's disambiguating suffixes (`-2`, `-<id prefix>`) on top of a full slug. */
const MAX_ACCEPTED_SLUG_LENGTH = 120;

// Letters NFKD leaves alone but readers expect spelled out in a URL.
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Lowercase ASCII words joined by hyphens, cut at a word boundary; never empty. */
export function slugify(headline: string): string {
  const words = headline
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøđðłþı]/g, (letter) => SPELLED_OUT[letter] ?? letter)
    // "Jum'at" reads as one word, not "jum-at".
    .replace(/['’ʼ`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const slug = truncateAtWord(words, MAX_SLUG_LENGTH);
  return slug === '' ? FALLBACK_SLUG : slug;
}

function truncateAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  // Looking one past the limit keeps a word that ends exactly at it.
  const boundary = slug.slice(0, max + 1).lastIndexOf('-');
  return boundary > 0 ? slug.slice(0, boundary) : slug.slice(0, max);
}

/** The slugs to try in order until one is free: base, base-2, base-3 … base-<limit>. */
export function slugCandidates(base: string, limit = 100): string[] {
  const candidates = [base];
  for (let n = 2; n <= limit; n++) candidates.push(`${base}-${n}`);
  return candidates;
}

export function isSlug(value: string): boolean {
  return value.length <= MAX_ACCEPTED_SLUG_LENGTH && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}
