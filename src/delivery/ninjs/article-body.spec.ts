import { renderBody, renderParagraph } from './article-body.js';

describe('article bodies for ninjs', () => {
  test('paragraphs, headings and quotes become HTML blocks and plain-text paragraphs', () => {
    const body = renderBody([
      { type: 'paragraph', text: 'Hujan deras merendam ratusan rumah.' },
      { type: 'heading', text: 'Warga mengungsi' },
      { type: 'quote', text: 'Air naik cepat sekali.', attribution: 'Siti', role: 'Warga Pondok Aren' },
      { type: 'quote', text: 'Kami siaga.', attribution: 'BPBD', role: null },
    ]);
    expect(body.html).toBe(
      [
        '<p>Hujan deras merendam ratusan rumah.</p>',
        '<h2>Warga mengungsi</h2>',
        '<figure><blockquote><p>Air naik cepat sekali.</p></blockquote><figcaption>Siti, Warga Pondok Aren</figcaption></figure>',
        '<figure><blockquote><p>Kami siaga.</p></blockquote><figcaption>BPBD</figcaption></figure>',
      ].join('\n'),
    );
    expect(body.text).toBe(
      'Hujan deras merendam ratusan rumah.\n\nWarga mengungsi\n\n“Air naik cepat sekali.”\n— Siti, Warga Pondok Aren\n\n“Kami siaga.”\n— BPBD',
    );
  });

  test('text is escaped in HTML, never taken as markup, and left as written in plain text', () => {
    const text = '<script>alert("x")</script> & Tom\'s <b>';
    const body = renderBody([
      { type: 'heading', text },
      { type: 'quote', text, attribution: '<i>Rina</i>', role: 'A & B' },
    ]);
    expect(body.html).not.toMatch(/<(script|b|i)>/);
    expect(body.html).toContain('<h2>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Tom&#39;s &lt;b&gt;</h2>');
    expect(body.html).toContain('<figcaption>&lt;i&gt;Rina&lt;/i&gt;, A &amp; B</figcaption>');
    expect(body.text.startsWith(text)).toBe(true);
  });

  test('a line break inside a block is kept', () => {
    expect(renderParagraph('Baris satu\nbaris dua').html).toBe('<p>Baris satu<br>baris dua</p>');
    expect(renderParagraph('Baris satu\r\nbaris dua').html).toBe('<p>Baris satu<br>baris dua</p>');
  });

  test('an empty body renders as nothing', () => {
    expect(renderBody([])).toEqual({ html: '', text: '' });
  });
});
