import type { ArticleCommand } from './commands.js';
import { MAX_RELATED } from './rules.js';
import { articlePublished, historyIn, minute, relatedLinked, relatedUnlinked } from './testing/article-events.js';
import { acting, given } from './testing/decider-spec.js';
import { editor, relatedArticleId, sampleArticleContent, sampleArticleId, writer } from './testing/sample-article.js';

const link = (id = relatedArticleId, afterBlock?: number, exists = true): ArticleCommand => ({
  type: 'LinkRelated',
  data: afterBlock === undefined ? { relatedArticleId: id, target: { exists } } : { relatedArticleId: id, afterBlock, target: { exists } },
});
const unlink = (id = relatedArticleId): ArticleCommand => ({ type: 'UnlinkRelated', data: { relatedArticleId: id } });

const lastBlock = sampleArticleContent.body.length - 1;

describe('LinkRelated', () => {
  it('links an existing article as "Baca Juga" after a block', () => {
    const state = given(historyIn('draft'))
      .when(link(relatedArticleId, 3), acting(editor, 25))
      .then([relatedLinked({ afterBlock: 3 })]);
    expect(state?.related).toEqual([{ relatedArticleId, afterBlock: 3 }]);
  });

  it('links without a position (shown after the body)', () => {
    given(historyIn('draft')).when(link(), acting(editor, 25)).then([relatedLinked()]);
  });

  it('leaves status and verification alone, so verified content stays publishable', () => {
    const state = given(historyIn('verified')).when(link(), acting(editor, 25)).then([relatedLinked()]);
    expect(state).toMatchObject({ status: 'verified', verification: { revision: 1 } });
    given([...historyIn('verified'), relatedLinked()])
      .when({ type: 'PublishArticle', data: { slug: articlePublished().data.slug } }, acting(editor, 40))
      .then([articlePublished({ related: [{ relatedArticleId }] })]);
  });

  it.each(['scheduled', 'published', 'unpublished'] as const)('is allowed while the article is %s', (status) => {
    given(historyIn(status))
      .when(link(), acting(editor, 60))
      .then([relatedLinked({ at: minute(60) })]);
  });

  it('refuses a target that does not exist', () => {
    given(historyIn('draft'))
      .when(link(relatedArticleId, undefined, false), acting(editor))
      .thenThrows('related_not_found');
  });

  it('refuses a link to the article itself', () => {
    given(historyIn('draft')).when(link(sampleArticleId), acting(editor)).thenThrows('related_self');
  });

  it('refuses a duplicate link', () => {
    given([...historyIn('draft'), relatedLinked()])
      .when(link(relatedArticleId, 2), acting(editor))
      .thenThrows('related_duplicate');
  });

  it(`refuses more than ${MAX_RELATED} links`, () => {
    const links = Array.from({ length: MAX_RELATED }, (_, n) => relatedLinked({ relatedArticleId: `related-${n}` }));
    given([...historyIn('draft'), ...links.slice(1)])
      .when(link(), acting(editor, 25))
      .then([relatedLinked()]);
    given([...historyIn('draft'), ...links])
      .when(link(), acting(editor))
      .thenThrows('related_limit');
  });

  it.each([lastBlock + 1, -1, 1.5])('refuses afterBlock %p outside the working body', (afterBlock) => {
    given(historyIn('draft')).when(link(relatedArticleId, afterBlock), acting(editor)).thenThrows('invalid');
  });

  it('accepts the last block', () => {
    given(historyIn('draft'))
      .when(link(relatedArticleId, lastBlock), acting(editor, 25))
      .then([relatedLinked({ afterBlock: lastBlock })]);
  });

  it('is for editors only', () => {
    given(historyIn('draft')).when(link(), acting(writer)).thenThrows('forbidden');
  });
});

describe('UnlinkRelated', () => {
  it('removes a linked article', () => {
    const state = given([...historyIn('published'), relatedLinked()])
      .when(unlink(), acting(editor, 26))
      .then([relatedUnlinked()]);
    expect(state?.related).toEqual([]);
  });

  it('refuses an article that is not linked', () => {
    given(historyIn('published')).when(unlink(), acting(editor)).thenThrows('related_not_linked');
  });

  it('is for editors only', () => {
    given([...historyIn('draft'), relatedLinked()])
      .when(unlink(), acting(writer))
      .thenThrows('forbidden');
  });
});
