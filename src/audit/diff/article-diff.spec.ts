import type { ArticleContent, Block } from '../../articles/model/content.js';
import type { ArticleEvent } from '../../articles/model/events.js';
import { fold } from '../../articles/model/evolve.js';
import type { ArticleState } from '../../articles/model/state.js';
import {
  articleDrafted,
  articleRevised,
  by,
  historyIn,
  minute,
  relatedLinked,
  revisedHash,
  articleSubmitted,
  articleVerified,
  articleCorrected,
} from '../../articles/model/testing/article-events.js';
import { editor, relatedArticleId, sampleArticleContent, sampleRevisedContent } from '../../articles/model/testing/sample-article.js';
import { diffStates } from './article-diff.js';
import type { WordPart } from './text-diff.js';

function stateOf(events: readonly ArticleEvent[]): ArticleState {
  const state = fold(events);
  if (state === null) throw new Error('no article');
  return state;
}

const newQuote: Block = {
  type: 'quote',
  text: 'Dua pompa tambahan sudah tiba dan langsung kami tempatkan di Pondok Aren.',
  attribution: 'Rina Maharani',
  role: 'Juru bicara BPBD Kota Tangerang Selatan',
};

/** The desk's edit: one headline word, a quote added after block 5, Reuters dropped. */
const edited: ArticleContent = {
  ...sampleArticleContent,
  headline: 'BPBD Tangsel Siagakan 14 Pompa Air Jelang Puncak Musim Hujan',
  body: [...sampleArticleContent.body.slice(0, 6), newQuote, ...sampleArticleContent.body.slice(6)],
  sources: sampleArticleContent.sources.filter((source) => source.name !== 'Reuters'),
};

const rebuilt = (words: readonly WordPart[], side: 'before' | 'after') =>
  words
    .filter(({ op }) => op === 'equal' || op === (side === 'before' ? 'delete' : 'insert'))
    .map(({ text }) => text)
    .join('');

describe('diffStates', () => {
  const history = [
    articleDrafted(),
    articleRevised({ content: edited, ...by(editor), at: minute(5) }),
    relatedLinked({ afterBlock: 2, at: minute(6) }),
  ];
  const diff = diffStates(stateOf(history.slice(0, 1)), stateOf(history));

  it('finds exactly the known edits and nothing else', () => {
    expect(diff.identical).toBe(false);
    expect(Object.keys(diff.content)).toEqual(['headline', 'body', 'sources']);
    expect(Object.keys(diff).sort()).toEqual(['content', 'identical', 'related']);
  });

  it('shows the changed headline word', () => {
    expect(diff.content.headline).toEqual({
      before: sampleArticleContent.headline,
      after: edited.headline,
      words: [
        { op: 'equal', text: 'BPBD Tangsel Siagakan ' },
        { op: 'delete', text: '12' },
        { op: 'insert', text: '14' },
        { op: 'equal', text: ' Pompa Air Jelang Puncak Musim Hujan' },
      ],
    });
  });

  it('shows the added quote block in place, every other block unchanged', () => {
    const body = diff.content.body!;
    expect(body.filter((change) => change.op !== 'unchanged')).toEqual([{ op: 'added', toIndex: 6, block: newQuote }]);
    expect(body.map((change) => change.op)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'added',
      'unchanged',
      'unchanged',
    ]);
    expect(body.at(-1)).toMatchObject({ op: 'unchanged', fromIndex: 7, toIndex: 8 });
  });

  it('shows the removed source and the new related link', () => {
    expect(diff.content.sources).toEqual({ added: [], removed: [sampleArticleContent.sources[1]], changed: [] });
    expect(diff.related).toEqual({ added: [{ relatedArticleId, afterBlock: 2 }], removed: [], moved: [] });
  });

  it('diffs a changed paragraph word by word, rebuilding both texts exactly', () => {
    const revised = diffStates(stateOf([articleDrafted()]), stateOf([articleDrafted(), articleRevised()]));
    const changed = revised.content.body!.filter((change) => change.op !== 'unchanged');
    expect(changed).toHaveLength(1);
    const [paragraph] = changed;
    if (paragraph?.op !== 'changed') throw new Error(`expected a changed block, got ${paragraph?.op}`);
    expect(paragraph).toMatchObject({ fromIndex: 2, toIndex: 2, type: 'paragraph' });
    expect(rebuilt(paragraph.text!.words, 'before')).toBe(sampleArticleContent.body[2]!.text);
    expect(rebuilt(paragraph.text!.words, 'after')).toBe(sampleRevisedContent.body[2]!.text);
    expect(
      paragraph
        .text!.words.filter(({ op }) => op === 'insert')
        .map(({ text }) => text)
        .join(''),
    ).toContain('14 unit');
    expect(revised.content.sources).toEqual({ added: [{ name: 'Pemerintah Provinsi Banten' }], removed: [], changed: [] });
  });

  it('shows a block removed, a quote re-attributed and a source whose URL changed', () => {
    const original = sampleArticleContent;
    const quote = original.body[3] as Extract<Block, { type: 'quote' }>;
    const changedContent: ArticleContent = {
      ...original,
      body: [original.body[0]!, original.body[1]!, original.body[2]!, { ...quote, attribution: 'Budi Santoso' }, ...original.body.slice(5)],
      sources: [{ name: 'Antara' }, original.sources[1]!],
    };
    const result = diffStates(stateOf([articleDrafted()]), stateOf([articleDrafted(), articleRevised({ content: changedContent })]));
    expect(result.content.body!.filter((change) => change.op !== 'unchanged')).toEqual([
      {
        op: 'changed',
        fromIndex: 3,
        toIndex: 3,
        type: 'quote',
        before: quote,
        after: { ...quote, attribution: 'Budi Santoso' },
        attribution: { before: 'Rina Maharani', after: 'Budi Santoso' },
      },
      { op: 'removed', fromIndex: 4, block: original.body[4] },
    ]);
    expect(result.content.sources).toEqual({
      added: [],
      removed: [],
      changed: [{ name: 'Antara', before: original.sources[0], after: { name: 'Antara' } }],
    });
  });

  it('shows live copy changes: first publication, then a correction of its content', () => {
    const published = historyIn('published');
    const before = stateOf(published.slice(0, 3));
    const live = stateOf(published);
    const first = diffStates(before, live);
    expect(first.status).toEqual({ before: 'verified', after: 'published' });
    expect(first.live).toEqual({ before: null, after: expect.objectContaining({ slug: live.slug, publishedAt: minute(40) }) });
    expect(first.content).toEqual({});

    const corrected = stateOf([
      ...published,
      articleRevised({ ...by(editor), at: minute(45) }),
      articleSubmitted({ contentHash: revisedHash, ...by(editor), at: minute(46) }),
      articleVerified({ contentHash: revisedHash, revision: 5, at: minute(47) }),
      articleCorrected({ content: sampleRevisedContent, contentHash: revisedHash, verifiedRevision: 5, at: minute(90) }),
    ]);
    const correction = diffStates(live, corrected);
    expect(correction.live?.content?.headline?.words).toContainEqual({ op: 'insert', text: '14' });
    expect(correction.corrections?.added).toEqual([expect.objectContaining({ note: expect.stringContaining('14 unit') })]);
    expect(correction.status).toBeUndefined();
  });

  it('finds nothing between a state and itself', () => {
    const state = stateOf(history);
    expect(diffStates(state, state)).toEqual({ identical: true, content: {} });
  });
});
