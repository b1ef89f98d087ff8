import { FALLBACK_SLUG, isSlug, MAX_SLUG_LENGTH, slugCandidates, slugify } from './slug.js';
import { sampleArticleContent, sampleSlug } from './testing/sample-article.js';

describe('slugify', () => {
  it.each([
    [sampleArticleContent.headline, sampleSlug],
    [
      'Pertemuan Armenia–Azerbaijan di Brussel Berakhir Tanpa Kesepakatan',
      'pertemuan-armenia-azerbaijan-di-brussel-berakhir-tanpa-kesepakatan',
    ],
    ['Café Crème di Bandung: Kopi Ekspres Rp25.000', 'cafe-creme-di-bandung-kopi-ekspres-rp25-000'],
    ["Jum'at Berkah, Warga Bagikan 500 Nasi Kotak", 'jumat-berkah-warga-bagikan-500-nasi-kotak'],
    ['Straße, Ærø und Łódź', 'strasse-aero-und-lodz'],
    ['İstanbul Hosts Ｆｕｌｌｗｉｄｔｈ Talks', 'istanbul-hosts-fullwidth-talks'],
    ['  --"Banjir!"--  ', 'banjir'],
  ])('%s → %s', (headline, slug) => {
    expect(slugify(headline)).toBe(slug);
  });

  it.each(['', '   ', '!!!', '文章新闻', '🌧️🌊'])('falls back to a default for %p', (headline) => {
    expect(slugify(headline)).toBe(FALLBACK_SLUG);
  });

  it('cuts a long headline at a word boundary', () => {
    const headline =
      'Pemerintah Kota Tangerang Selatan Menyiapkan Posko Pengungsian, Dapur Umum, dan Layanan Kesehatan Bagi Warga Terdampak Banjir';
    // In full it would be 123 characters; the cut falls between "dan" and "layanan".
    expect(slugify(headline)).toBe('pemerintah-kota-tangerang-selatan-menyiapkan-posko-pengungsian-dapur-umum-dan');
  });

  it('keeps a word that ends exactly at the limit', () => {
    const words = `${'a'.repeat(40)} ${'b'.repeat(39)} tail`;
    expect(slugify(words)).toBe(`${'a'.repeat(40)}-${'b'.repeat(39)}`);
  });

  it('cuts a single overlong word at the limit', () => {
    expect(slugify('x'.repeat(200))).toBe('x'.repeat(MAX_SLUG_LENGTH));
  });

  it('always yields a valid slug', () => {
    for (const headline of ['Ini—Itu', 'a - - b', 'ÀÉÎÕÜ', '100% Aman?', '-x-']) {
      expect(isSlug(slugify(headline))).toBe(true);
    }
  });
});

describe('slugCandidates', () => {
  it('tries the base first, then numbered suffixes from 2', () => {
    expect(slugCandidates('banjir-tangsel', 4)).toEqual(['banjir-tangsel', 'banjir-tangsel-2', 'banjir-tangsel-3', 'banjir-tangsel-4']);
  });

  it('offers a hundred candidates unless told otherwise', () => {
    const candidates = slugCandidates('banjir');
    expect(candidates).toHaveLength(100);
    expect(candidates.at(-1)).toBe('banjir-100');
    expect(new Set(candidates).size).toBe(100);
  });
});

describe('isSlug', () => {
  it.each([sampleSlug, 'a', 'banjir-2', 'rp25-000'])('accepts %p', (slug) => {
    expect(isSlug(slug)).toBe(true);
  });

  it.each(['', 'Banjir', 'banjir--tangsel', '-banjir', 'banjir-', 'banjir tangsel', 'café', 'a'.repeat(121)])('refuses %p', (slug) => {
    expect(isSlug(slug)).toBe(false);
  });
});
