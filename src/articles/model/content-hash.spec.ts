import { createHash } from 'node:crypto';
import { contentHash } from './content-hash.js';
import type { ArticleContent } from './content.js';
import { sampleArticleContent, sampleRevisedContent } from './testing/sample-article.js';

const small: ArticleContent = {
  headline: 'Banjir',
  dek: '',
  dateline: 'Jakarta, IDN Times',
  language: 'id',
  body: [{ type: 'paragraph', text: 'Air setinggi 50 cm.' }],
  sources: [{ name: 'Antara' }],
  topics: ['Banjir'],
};

describe('contentHash', () => {
  it('is the SHA-256 hex of the canonical JSON', () => {
    const canonical =
      '{"body":[{"text":"Air setinggi 50 cm.","type":"paragraph"}],"dateline":"Jakarta, IDN Times","dek":"",' +
      '"headline":"Banjir","language":"id","sources":[{"name":"Antara"}],"topics":["Banjir"]}';
    expect(contentHash(small)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
    expect(contentHash(small)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order or on optional fields set to undefined', () => {
    const reordered = JSON.parse(JSON.stringify(small, Object.keys(small).reverse())) as ArticleContent;
    expect(contentHash({ ...reordered, body: small.body, sources: [{ name: 'Antara', url: undefined }] })).toBe(contentHash(small));
  });

  it('changes with any change to the content', () => {
    expect(contentHash(sampleRevisedContent)).not.toBe(contentHash(sampleArticleContent));
    expect(contentHash({ ...small, topics: ['banjir'] })).not.toBe(contentHash(small));
    expect(contentHash({ ...small, body: [...small.body].reverse().concat(small.body) })).not.toBe(contentHash(small));
  });

  it('hashes text as sent: composed and decomposed accents are different content', () => {
    const composed = { ...small, headline: 'Kafe\u0301' };
    expect(contentHash({ ...small, headline: 'Kafé' })).not.toBe(contentHash(composed));
  });
});
