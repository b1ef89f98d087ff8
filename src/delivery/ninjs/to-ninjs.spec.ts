import type { ArticleEvent } from '../../articles/model/events.js';
import { fold } from '../../articles/model/evolve.js';
import {
  articleChangesRequested,
  articleCorrected,
  articlePublished,
  articleUnpublished,
  historyIn,
  minute,
  relatedLinked,
  revisedHash,
  updateHistoryIn,
} from '../../articles/model/testing/article-events.js';
import {
  editor,
  relatedArticleId,
  sampleArticleContent,
  sampleArticleId,
  sampleRevisedContent,
  sampleSlug,
  writer,
} from '../../articles/model/testing/sample-article.js';
import type { PublicEvent } from '../public-events/contract.js';
import { type RelatedTargets, toPublicEvent } from '../public-events/to-public-event.js';
import { renderBody } from './article-body.js';
import type { NinjsDocument } from './ninjs-document.js';
import { type LiveArticleExtras, ninjsSourceOf } from './ninjs-source.js';
import { ninjsProblems } from './testing/validate-ninjs.js';
import { countText } from './text-counts.js';
import { toNinjs } from './to-ninjs.js';

const otherArticleId = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const LIVE_TARGETS: RelatedTargets = new Map([
  [relatedArticleId, { slug: 'banjir-rendam-pondok-aren', headline: 'Banjir Rendam Pondok Aren' }],
]);

/** The public event the last event of a history amounts to, as the feed and webhooks carry it. */
function publicEventAfter(history: readonly ArticleEvent[], targets: RelatedTargets = new Map()): PublicEvent {
  const revision = BigInt(history.length - 1);
  const source = {
    id: `00000000-0000-4000-8000-${String(history.length).padStart(12, '0')}`,
    articleId: sampleArticleId,
    revision,
    position: { commit: 1_000n + revision, prepare: 1_000n + revision },
    event: history.at(-1)!,
  };
  const mapped = toPublicEvent(source, fold(history.slice(0, -1)), targets);
  if (mapped === null) throw new Error('the history ends in an internal event');
  return mapped.event;
}

function ninjsAfter(history: readonly ArticleEvent[], targets?: RelatedTargets, extras?: LiveArticleExtras): NinjsDocument {
  return toNinjs(ninjsSourceOf(publicEventAfter(history, targets), extras));
}

const firstPublication = () => historyIn('published');
const update = () => [
  ...updateHistoryIn('verified'),
  articlePublished({
    kind: 'update',
    content: sampleRevisedContent,
    contentHash: revisedHash,
    at: minute(49),
    firstPublishedAt: minute(40),
  }),
];
const correction = () => [
  ...update(),
  articleCorrected({ content: sampleRevisedContent, contentHash: revisedHash, at: minute(90), note: 'Jumlah pompa yang benar 14 unit.' }),
];
const withdrawal = () => [...historyIn('published'), articleUnpublished({ mode: 'withdraw', at: minute(50) })];
const takedown = () => [...historyIn('published'), articleUnpublished({ mode: 'takedown', notice: undefined, at: minute(50) })];

describe('ninjs 2.x from what Redaksi publishes', () => {
  test.each([
    ['a first publication', firstPublication],
    ['an update', update],
    ['a correction', correction],
    ['a withdrawal', withdrawal],
    ['a takedown', takedown],
    ['a related article linked while live', () => [...historyIn('published'), relatedLinked({ at: minute(45) })]],
  ])('%s follows the ninjs 2.x rules', (_name, history) => {
    expect(ninjsProblems(ninjsAfter(history(), LIVE_TARGETS))).toEqual([]);
  });

  test('a first publication maps every field Redaksi has', () => {
    const document = ninjsAfter(firstPublication());
    const body = renderBody(publicEventAfterBody(firstPublication()));
    const counts = countText(body.text);

    expect(document).toEqual({
      uri: `urn:uuid:${sampleArticleId}`,
      standard: { name: 'ninjs', version: '2.0', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json' },
      type: 'text',
      representationtype: 'full',
      version: '3',
      firstcreated: minute(40),
      versioncreated: minute(40),
      pubstatus: 'usable',
      language: 'id',
      altids: [{ role: 'slug', value: sampleSlug }],
      headlines: [{ role: 'main', contenttype: 'text/plain', value: sampleArticleContent.headline }],
      descriptions: [{ role: 'summary', contenttype: 'text/plain', value: sampleArticleContent.dek }],
      bodies: [
        { role: 'main', contenttype: 'text/html', value: body.html, ...counts },
        { role: 'main', contenttype: 'text/plain', value: body.text, ...counts },
      ],
      by: writer.displayName,
      located: 'Tangerang Selatan, IDN Times',
      subjects: [{ name: 'Tangerang Selatan' }, { name: 'Banjir' }, { name: 'Cuaca Ekstrem' }],
      infosources: [
        {
          name: 'Antara',
          role: 'http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource',
          uri: 'https://www.antaranews.com/berita/contoh/bmkg-prakirakan-hujan-lebat-jabodetabek',
        },
        {
          name: 'Reuters',
          role: 'http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource',
          uri: 'https://www.reuters.com/world/asia-pacific/example-extreme-weather-southeast-asia',
        },
        { name: writer.displayName, role: 'http://cv.iptc.org/newscodes/contentprodpartyrole/author', literal: writer.id },
        { name: editor.displayName, role: 'http://cv.iptc.org/newscodes/contentprodpartyrole/editor', literal: editor.id },
      ],
      trustindicators: [
        {
          role: 'https://redaksi.dev/trust/desk-verified',
          title: 'Checked before publication by an editor other than the writer: sources checked, quotes attributed',
        },
      ],
    });
  });

  test('the bodies are the article’s blocks: HTML with headings and attributed quotes, and plain text', () => {
    const [html, text] = ninjsAfter(firstPublication()).bodies!;
    expect(html!.value).toContain('<h2>1. Pompa disiagakan di tujuh kecamatan</h2>');
    expect(html!.value).toContain('<figure><blockquote><p>Kami tidak mau kejadian pekan lalu terulang.');
    expect(html!.value).toContain('<figcaption>Rina Maharani, Juru bicara BPBD Kota Tangerang Selatan</figcaption></figure>');
    expect(html!.value.match(/<p>/g)).toHaveLength(5); // four paragraphs and the quote's
    expect(text!.value.split('\n\n')).toHaveLength(sampleArticleContent.body.length);
    expect(text!.value).toContain('\n\n“Kami tidak mau kejadian pekan lalu terulang.');
    expect(text!.value).toContain('”\n— Rina Maharani, Juru bicara BPBD Kota Tangerang Selatan\n\n');
    expect(text!.wordcount).toBeGreaterThan(150);
  });

  test('an update is a new version of the same object, first created at the first publication', () => {
    const first = ninjsAfter(firstPublication());
    const updated = ninjsAfter(update());
    expect(updated).toMatchObject({
      uri: first.uri,
      version: '7',
      firstcreated: minute(40),
      versioncreated: minute(49),
      pubstatus: 'usable',
      headlines: [{ value: sampleRevisedContent.headline }],
    });
    expect(updated.infosources).toContainEqual({
      name: 'Pemerintah Provinsi Banten',
      role: 'http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource',
    });
    expect(updated.ednote).toBeUndefined();
  });

  test('a correction carries every public correction note in ednote, and stays usable', () => {
    const corrected = ninjsAfter(correction());
    expect(corrected).toMatchObject({ version: '8', versioncreated: minute(90), pubstatus: 'usable' });
    expect(corrected.ednote).toBe(`Corrected ${minute(90)}: Jumlah pompa yang benar 14 unit.`);
    expect(corrected.bodies?.[1]?.value).toContain('totalnya menjadi 14 unit');

    const twice = ninjsAfter([...correction(), articleCorrected({ content: sampleRevisedContent, at: minute(95), note: 'Kedua.' })]);
    expect(twice.ednote).toBe(`Corrected ${minute(90)}: Jumlah pompa yang benar 14 unit.\nCorrected ${minute(95)}: Kedua.`);
  });

  test('a withdrawal is withheld: the public notice takes the article’s place, the reason stays inside', () => {
    const document = ninjsAfter(withdrawal());
    const notice = articleUnpublished().data.notice!;
    expect(document).toEqual({
      uri: `urn:uuid:${sampleArticleId}`,
      standard: expect.any(Object),
      type: 'text',
      version: '4',
      versioncreated: minute(50),
      pubstatus: 'withheld',
      altids: [{ role: 'slug', value: sampleSlug }],
      bodies: [
        { role: 'notice', contenttype: 'text/html', value: `<p>${notice}</p>`, ...countText(notice) },
        { role: 'notice', contenttype: 'text/plain', value: notice, ...countText(notice) },
      ],
      ednote: `Withdrawn ${minute(50)}: stop showing the article; show the notice in bodies at its address instead.`,
    });
    expect(JSON.stringify(document)).not.toContain(articleUnpublished().data.reason);
  });

  test('a withdrawal without a notice has no bodies, and its ednote does not point to one', () => {
    const document = ninjsAfter([...historyIn('published'), articleUnpublished({ mode: 'withdraw', notice: '', at: minute(50) })]);
    expect(document).not.toHaveProperty('bodies');
    expect(document.ednote).toBe(`Withdrawn ${minute(50)}: stop showing the article.`);
  });

  test('a takedown is canceled and carries no content at all', () => {
    const document = ninjsAfter(takedown());
    expect(document).toEqual({
      uri: `urn:uuid:${sampleArticleId}`,
      standard: expect.any(Object),
      type: 'text',
      version: '4',
      versioncreated: minute(50),
      pubstatus: 'canceled',
      altids: [{ role: 'slug', value: sampleSlug }],
      ednote: `Taken down ${minute(50)}: remove the article and every copy of it.`,
    });
    const json = JSON.stringify(document);
    for (const content of [sampleArticleContent.headline, sampleArticleContent.dek, writer.displayName, 'Banjir', 'Antara']) {
      expect(json).not.toContain(content);
    }
  });

  test('related articles that are live become associations; one that is not live is left out', () => {
    const history = [
      ...historyIn('verified'),
      articlePublished({ related: [{ relatedArticleId: otherArticleId }, { relatedArticleId, afterBlock: 1 }] }),
    ];
    expect(ninjsAfter(history, LIVE_TARGETS).associations).toEqual([
      {
        name: 'related-1',
        uri: `urn:uuid:${relatedArticleId}`,
        type: 'text',
        representationtype: 'partial',
        pubstatus: 'usable',
        altids: [{ role: 'slug', value: 'banjir-rendam-pondok-aren' }],
        headlines: [{ role: 'main', contenttype: 'text/plain', value: 'Banjir Rendam Pondok Aren' }],
      },
    ]);
    expect(ninjsAfter(history).associations).toBeUndefined();
  });

  test('a link made while live is a new version with the association', () => {
    const document = ninjsAfter([...historyIn('published'), relatedLinked({ at: minute(45) })], LIVE_TARGETS);
    expect(document).toMatchObject({ version: '4', versioncreated: minute(45), firstcreated: minute(40) });
    expect(document.associations?.map((association) => association.uri)).toEqual([`urn:uuid:${relatedArticleId}`]);
  });

  test('an embargo passed in is written as a UTC instant; a time without a zone is refused', () => {
    const history = firstPublication();
    expect(ninjsAfter(history, undefined, { embargoedUntil: '2025-01-21T10:00:00+07:00' }).embargoed).toBe('2025-01-21T03:00:00.000Z');
    expect(ninjsAfter(history).embargoed).toBeUndefined();
    expect(() => ninjsAfter(history, undefined, { embargoedUntil: '2025-01-21T10:00:00' })).toThrow(RangeError);
    expect(() => ninjsAfter(history, undefined, { embargoedUntil: 'besok pagi' })).toThrow('embargoedUntil must be an ISO 8601');
    expect(ninjsProblems(ninjsAfter(history, undefined, { embargoedUntil: '2025-01-21T10:00:00+07:00' }))).toEqual([]);
  });

  test('a Verified Writer is a second trust indicator', () => {
    expect(ninjsAfter(firstPublication(), undefined, { verifiedWriter: true }).trustindicators).toEqual([
      expect.objectContaining({ role: 'https://redaksi.dev/trust/desk-verified' }),
      { role: 'https://redaksi.dev/trust/verified-writer', title: 'Verified Writer: the desk vouches for the writer' },
    ]);
    expect(ninjsAfter(firstPublication(), undefined, { verifiedWriter: false }).trustindicators).toHaveLength(1);
  });

  test('an empty dek, dateline and topic list leave their fields out instead of writing empty ones', () => {
    const bare = { ...sampleArticleContent, dek: '', dateline: ' ', topics: [] };
    const document = ninjsAfter([...historyIn('verified'), articlePublished({ content: bare })]);
    expect(document).not.toHaveProperty('descriptions');
    expect(document).not.toHaveProperty('located');
    expect(document).not.toHaveProperty('subjects');
    expect(ninjsProblems(document)).toEqual([]);
  });

  test('nothing internal reaches ninjs: hashes, review notes, the reason for unpublishing', () => {
    const reviewed = [...update(), articleChangesRequested(), articleCorrected({ content: sampleRevisedContent, at: minute(90) })];
    const json = JSON.stringify([ninjsAfter(reviewed), ninjsAfter(withdrawal()), ninjsAfter(takedown())]);
    for (const internal of [revisedHash, articleChangesRequested().data.notes, articleUnpublished().data.reason, 'verifiedRevision']) {
      expect(json).not.toContain(internal);
    }
  });
});

function publicEventAfterBody(history: readonly ArticleEvent[]) {
  const event = publicEventAfter(history);
  if (event.type !== 'article.published') throw new Error('expected a publication');
  return event.data.article.body;
}
