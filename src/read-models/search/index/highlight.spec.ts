import type { ArticleContent } from '../../../articles/model/content.js';
import { sampleArticleContent } from '../../../articles/model/testing/sample-article.js';
import { ANALYSERS } from '../analysis/analysers.js';
import { compileQuery } from '../query/compile-query.js';
import { escapeHtml, excerpt, highlight, SNIPPET_MAX_CHARS } from './highlight.js';

const terms = (query: string) => compileQuery(query).included;

describe('highlight', () => {
  test('marks every form of a word the way the index found it', () => {
    const { headline, snippet } = highlight(sampleArticleContent, terms('siagakan'), ANALYSERS.indonesian);
    expect(headline).toBe('BPBD Tangsel <mark>Siagakan</mark> 12 Pompa Air Jelang Puncak Musim Hujan');
    expect(snippet?.field).toBe('lead');
    expect(snippet?.html).toContain('<mark>menyiagakan</mark>');
  });

  test('marks a phrase as one span, and a prefix on written words', () => {
    const phrase = highlight(sampleArticleContent, terms('"kali angke"'), ANALYSERS.indonesian);
    expect(phrase.snippet).toEqual({ field: 'dek', html: expect.stringContaining('<mark>Kali Angke</mark>') });
    const prefix = highlight(sampleArticleContent, terms('pesanggra*'), ANALYSERS.indonesian);
    expect(prefix.snippet?.html).toContain('<mark>Pesanggrahan</mark>');
  });

  test('prefers the passage with the most different terms', () => {
    const { snippet } = highlight(sampleArticleContent, terms('rina bpbd'), ANALYSERS.indonesian);
    expect(snippet).toEqual({
      field: 'attribution',
      html: '<mark>Rina</mark> Maharani, Juru bicara <mark>BPBD</mark> Kota Tangerang Selatan',
    });
  });

  test('shows the opening when only the headline matched', () => {
    const { headline, snippet } = highlight(sampleArticleContent, terms('tangsel'), ANALYSERS.indonesian);
    expect(headline).toContain('<mark>Tangsel</mark>');
    expect(snippet).toEqual({ field: 'dek', html: sampleArticleContent.dek });
  });

  test('escapes the text: no markup but the marks', () => {
    const content: ArticleContent = {
      ...sampleArticleContent,
      headline: '<script>alert("banjir")</script> & \'banjir\'',
      dek: '<img src=x onerror=alert(1)> banjir',
    };
    const { headline, snippet } = highlight(content, terms('banjir'), ANALYSERS.indonesian);
    expect(headline).toBe('&lt;script&gt;alert(&quot;<mark>banjir</mark>&quot;)&lt;/script&gt; &amp; &#39;<mark>banjir</mark>&#39;');
    expect(snippet?.html).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>banjir</mark>');
    expect(escapeHtml('<>&"\'')).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  test('cuts a long passage around its first hit, at spaces, with ellipses', () => {
    const text = `${'kata '.repeat(100)}banjir ${'lain '.repeat(100)}`.trim();
    const html = excerpt(text, [{ start: 500, end: 506 }], SNIPPET_MAX_CHARS);
    const plain = html.replace(/<\/?mark>/g, '');
    expect(plain.startsWith('…kata')).toBe(true);
    expect(plain.endsWith('lain…')).toBe(true);
    expect(plain.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS + 2);
    expect(html).toContain('<mark>banjir</mark>');
  });

  test('never cuts a character in half', () => {
    const text = '😀'.repeat(200);
    const html = excerpt(text, [], 101);
    expect(html.endsWith('…')).toBe(true);
    expect(() => encodeURIComponent(html)).not.toThrow();
  });
});
