import { ninjsProblems } from './validate-ninjs.js';

// The rules must be able to fail, or the mapping's tests against them prove nothing.
describe('the ninjs 2.x rules used by the tests', () => {
  const uri = 'urn:uuid:0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43';

  test('accept the smallest news object, a uri alone, and a full one', () => {
    expect(ninjsProblems({ uri })).toEqual([]);
    expect(
      ninjsProblems({
        uri,
        type: 'text',
        version: '3',
        versioncreated: '2025-01-20T01:40:00.000Z',
        pubstatus: 'usable',
        urgency: 3,
        headlines: [{ value: 'Banjir' }],
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'Hujan deras.', charcount: 12, wordcount: 2 }],
        associations: [{ name: 'related-1', uri: 'urn:uuid:7e2d9a14-3b5c-4f61-8d27-c0a9e6b4f815', headlines: [{ value: 'Baca juga' }] }],
        trustindicators: [{ role: 'https://redaksi.dev/trust/desk-verified', title: 'Checked', href: 'https://example.id/standar' }],
      }),
    ).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no uri', { type: 'text' }, "must have required property 'uri'"],
    ['a uri that is not a URI', { uri: 'artikel 42' }, '/uri must match format "uri"'],
    ['a type outside the enumeration', { uri, type: 'article' }, '/type must be equal to one of the allowed values'],
    ['a pubstatus outside the enumeration', { uri, pubstatus: 'published' }, '/pubstatus must be equal to one of the allowed values'],
    ['a representationtype outside the enumeration', { uri, representationtype: 'summary' }, 'must be equal to one of the allowed values'],
    ['a property ninjs does not have', { uri, headline: 'Banjir' }, 'must NOT have unevaluated properties (headline)'],
    ['a version that is a number', { uri, version: 3 }, '/version must be string'],
    ['a date that is not a date-time', { uri, versioncreated: '20 Januari 2025' }, '/versioncreated must match format "date-time"'],
    ['a date-time without a zone', { uri, embargoed: '2025-01-21T10:00:00' }, '/embargoed must match format "date-time"'],
    ['a headline without a value', { uri, headlines: [{ role: 'main' }] }, "/headlines/0 must have required property 'value'"],
    [
      'a body with a field ninjs does not have',
      { uri, bodies: [{ value: 'x', html: true }] },
      '/bodies/0 must NOT have additional properties',
    ],
    ['a charcount that is text', { uri, bodies: [{ value: 'x', charcount: '1' }] }, '/bodies/0/charcount must be number'],
    ['an urgency of 10', { uri, urgency: 10 }, '/urgency must be <= 9'],
    ['an association without a name', { uri, associations: [{ uri }] }, "/associations/0 must have required property 'name'"],
    ['an association without a uri', { uri, associations: [{ name: 'related-1' }] }, "/associations/0 must have required property 'uri'"],
    ['an association with an unknown field', { uri, associations: [{ name: 'r', uri, slug: 'x' }] }, 'unevaluated properties (slug)'],
    ['an association breaking a ninjs rule', { uri, associations: [{ name: 'r', uri, pubstatus: 'live' }] }, '/associations/0/pubstatus'],
    [
      'an infosource role that is not a URI',
      { uri, infosources: [{ name: 'Antara', role: 'source' }] },
      '/infosources/0/role must match format "uri"',
    ],
    [
      'a trust indicator role that is not a URI',
      { uri, trustindicators: [{ role: 'verified' }] },
      '/trustindicators/0/role must match format',
    ],
    ['subjects that are strings', { uri, subjects: ['Banjir'] }, '/subjects/0 must be object'],
    [
      'a standard with an unknown field',
      { uri, standard: { name: 'ninjs', release: '2' } },
      '/standard must NOT have additional properties',
    ],
  ])('refuse %s', (_name, document, problem) => {
    expect(ninjsProblems(document)).toContainEqual(expect.stringContaining(problem));
  });
});
