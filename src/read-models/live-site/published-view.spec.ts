import type { Block } from '../../articles/model/content.js';
import { withRelatedBlocks } from './published-view.js';

const body: Block[] = [
  { type: 'paragraph', text: 'satu' },
  { type: 'heading', text: '1. dua' },
  { type: 'paragraph', text: 'tiga' },
];
const link = (id: string, afterBlock: number | null) => ({
  related_article_id: id,
  after_block: afterBlock,
  slug: `slug-${id}`,
  headline: `Judul ${id}`,
});

describe('withRelatedBlocks ("Baca Juga" placement)', () => {
  it('puts each link after its block, links after one block together in link order, the rest after the body', () => {
    expect(withRelatedBlocks(body, [link('a', 0), link('b', null), link('c', 0)])).toEqual([
      body[0],
      {
        type: 'related',
        label: 'Baca Juga',
        articles: [
          { id: 'a', slug: 'slug-a', headline: 'Judul a' },
          { id: 'c', slug: 'slug-c', headline: 'Judul c' },
        ],
      },
      body[1],
      body[2],
      { type: 'related', label: 'Baca Juga', articles: [{ id: 'b', slug: 'slug-b', headline: 'Judul b' }] },
    ]);
  });

  it('places a link after a block the live body no longer has at the end', () => {
    expect(withRelatedBlocks(body, [link('a', 7)]).at(-1)).toEqual({
      type: 'related',
      label: 'Baca Juga',
      articles: [{ id: 'a', slug: 'slug-a', headline: 'Judul a' }],
    });
  });

  it('leaves the body alone without links', () => {
    expect(withRelatedBlocks(body, [])).toEqual(body);
  });
});
