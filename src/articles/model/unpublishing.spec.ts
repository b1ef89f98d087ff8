import { articleUnpublished, by, historyIn, minute, revisedHash, updateHistoryIn } from './testing/article-events.js';
import { acting, given } from './testing/decider-spec.js';
import { editor, sampleSlug, writer } from './testing/sample-article.js';

const unpublish = (mode: 'withdraw' | 'takedown', reason: string, notice?: string) =>
  ({ type: 'UnpublishArticle', data: notice === undefined ? { mode, reason } : { mode, reason, notice } }) as const;

const reason = 'Narasumber membantah pernyataan yang dikutip.';
const notice = 'Artikel ini ditarik karena kutipan narasumber tidak dapat kami konfirmasi.';

describe('UnpublishArticle', () => {
  it('withdraws a live article behind a public notice, keeping its slug', () => {
    const state = given(historyIn('published'))
      .when(unpublish('withdraw', reason, notice), acting(editor, 50))
      .then([articleUnpublished({ mode: 'withdraw', reason, notice, slug: sampleSlug })]);
    expect(state).toMatchObject({
      status: 'unpublished',
      live: null,
      slug: sampleSlug,
      verification: null,
      unpublished: { mode: 'withdraw', reason, notice, by: editor.id, at: minute(50) },
    });
  });

  it('takes a live article down without a notice', () => {
    const takedown = articleUnpublished({ mode: 'takedown', reason: 'Perintah pengadilan' });
    const { notice: _none, ...data } = takedown.data;
    given(historyIn('published'))
      .when(unpublish('takedown', 'Perintah pengadilan'), acting(editor, 50))
      .then([{ type: 'ArticleUnpublished', data }]);
  });

  it('requires a public notice to withdraw', () => {
    given(historyIn('published'))
      .when(unpublish('withdraw', reason, '  '), acting(editor))
      .thenThrows('invalid');
    given(historyIn('published')).when(unpublish('withdraw', reason), acting(editor)).thenThrows('invalid');
  });

  it('refuses a notice on a takedown', () => {
    given(historyIn('published'))
      .when(unpublish('takedown', reason, notice), acting(editor))
      .thenThrows('invalid');
  });

  it('requires a reason', () => {
    given(historyIn('published'))
      .when(unpublish('withdraw', ' ', notice), acting(editor))
      .thenThrows('invalid');
  });

  it('unpublishes the live copy while an update is still in draft', () => {
    const state = given(updateHistoryIn('draft'))
      .when(unpublish('takedown', reason), acting(editor, 50))
      .then([{ type: 'ArticleUnpublished', data: { slug: sampleSlug, mode: 'takedown', reason, ...by(editor), at: minute(50) } }]);
    expect(state).toMatchObject({ status: 'unpublished', live: null, contentHash: revisedHash });
  });

  it('cancels a scheduled update of the article it takes down', () => {
    const state = given(updateHistoryIn('scheduled'))
      .when(unpublish('takedown', reason), acting(editor, 50))
      .then([{ type: 'ArticleUnpublished', data: { slug: sampleSlug, mode: 'takedown', reason, ...by(editor), at: minute(50) } }]);
    expect(state).toMatchObject({ status: 'unpublished', schedule: null });
  });

  it('refuses an article that is not live, naming its status', () => {
    given(historyIn('draft')).when(unpublish('takedown', reason), acting(editor)).thenThrows('illegal_transition', { status: 'draft' });
  });

  it('is for editors only', () => {
    given(historyIn('published')).when(unpublish('takedown', reason), acting(writer)).thenThrows('forbidden');
  });
});
