import { countText } from './text-counts.js';

describe('character and word counts', () => {
  test.each<[string, string, number, number]>([
    ['plain Indonesian', 'Hujan deras merendam ratusan rumah.', 35, 5],
    ['punctuation and dashes are not words', 'Banjir — lagi! (19/1/2025)', 26, 3],
    ['a reduplicated word is one word', 'Pompa-pompa disiagakan', 22, 2],
    ['spaces of any kind separate words', 'satu\u00a0dua\ttiga  empat', 20, 4],
    ['words of a script written without spaces are counted too', 'Banjir 洪水警报 Jakarta', 19, 4],
    ['an emoji with a modifier is one character', 'Siaga 👍🏽', 7, 1],
    ['a letter with a combining accent is one character', 'cafe\u0301', 4, 1],
    ['line breaks between blocks are not characters', 'Satu.\n\nDua.', 9, 2],
    ['nothing', '', 0, 0],
    ['a flag and a family emoji are one character each', '🇮🇩 👨‍👩‍👧', 3, 0],
  ])('%s', (_name, text, charcount, wordcount) => {
    expect(countText(text)).toEqual({ charcount, wordcount });
  });

  test('a long text is counted whole: every character and word of a 60,000-character body', () => {
    const paragraph = 'Hujan deras merendam ratusan rumah di Pondok Aren. ';
    const text = Array.from({ length: 1_200 }, () => paragraph).join('\n\n');
    expect(countText(text)).toEqual({ charcount: 1_200 * paragraph.length, wordcount: 1_200 * 8 });
  });

  test('a long run of a script written without spaces is counted in pieces', () => {
    expect(countText('洪水警报'.repeat(100)).wordcount).toBe(200);
  });
});
