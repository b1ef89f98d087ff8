import type { ArticleContent } from './content.js';
import { contentHash } from './content-hash.js';
import {
  articleDrafted,
  articleRevised,
  articleSubmitted,
  articleVerified,
  by,
  historyIn,
  minute,
  revisedHash,
  sampleHash,
} from './testing/article-events.js';
import { acting, given } from './testing/decider-spec.js';
import {
  editor,
  otherWriter,
  sampleArticleContent,
  sampleArticleId,
  sampleRevisedContent,
  secondEditor,
  writer,
} from './testing/sample-article.js';

describe('DraftArticle', () => {
  const draft = (content: ArticleContent = sampleArticleContent) =>
    ({ type: 'DraftArticle', data: { articleId: sampleArticleId, content } }) as const;

  it('records the writer as author, with the hash of the content', () => {
    given([])
      .when(draft(), acting(writer, 0))
      .then([
        {
          type: 'ArticleDrafted',
          data: {
            articleId: sampleArticleId,
            authorId: writer.id,
            authorName: writer.displayName,
            content: sampleArticleContent,
            contentHash: sampleHash,
            at: minute(0),
          },
        },
      ]);
  });

  it('lets editors draft too', () => {
    given([])
      .when(draft(), acting(editor, 0))
      .then([articleDrafted({ authorId: editor.id, authorName: editor.displayName })]);
  });

  it('refuses an article that already exists', () => {
    given(historyIn('draft')).when(draft(), acting(writer)).thenThrows('already_exists');
  });

  it('refuses a blank article id', () => {
    given([])
      .when({ type: 'DraftArticle', data: { articleId: ' ', content: sampleArticleContent } }, acting(writer))
      .thenThrows('invalid');
  });

  it('refuses content without a headline or with an unattributed quote, naming each field', () => {
    const content: ArticleContent = {
      ...sampleArticleContent,
      headline: '  ',
      body: [{ type: 'quote', text: 'Kami siaga 24 jam.', attribution: '' }],
    };
    const error = given([]).when(draft(content), acting(writer)).thenThrows('invalid');
    expect(error.issues.map((issue) => issue.path)).toEqual(['content.headline', 'content.body[0].attribution']);
  });

  it('refuses a source url that is not a web address', () => {
    const content = { ...sampleArticleContent, sources: [{ name: 'Antara', url: 'javascript:alert(1)' }] };
    const error = given([]).when(draft(content), acting(writer)).thenThrows('invalid');
    expect(error.issues).toEqual([{ path: 'content.sources[0].url', message: expect.any(String) }]);
  });

  it('stores only the content fields, with the default language, so the hash covers exactly them', () => {
    const sloppy = { ...sampleArticleContent, language: '', internalNote: 'jangan terbit dulu' } as ArticleContent;
    const clean = { ...sampleArticleContent, language: 'id' };
    given([])
      .when(draft(sloppy), acting(writer, 0))
      .then([articleDrafted({ content: clean, contentHash: contentHash(clean) })]);
  });
});

describe('ReviseArticle', () => {
  const revise = (content: ArticleContent = sampleRevisedContent) => ({ type: 'ReviseArticle', data: { content } }) as const;

  it('lets a writer revise their own draft', () => {
    given(historyIn('draft'))
      .when(revise(), acting(writer, 5))
      .then([articleRevised({ content: sampleRevisedContent, contentHash: revisedHash, status: 'draft' })]);
  });

  it("refuses a writer on someone else's article, before revealing anything about it", () => {
    given(historyIn('scheduled')).when(revise(), acting(otherWriter)).thenThrows('not_owner');
  });

  it.each(['in_review', 'verified', 'published'] as const)(
    'refuses a writer on their own article once it is %s (only editors may)',
    (status) => {
      given(historyIn(status)).when(revise(), acting(writer)).thenThrows('forbidden', { status });
    },
  );

  it('keeps an article in review when an editor edits it during review', () => {
    const state = given(historyIn('in_review'))
      .when(revise(), acting(editor, 15))
      .then([articleRevised({ status: 'in_review', ...by(editor), at: minute(15) })]);
    expect(state?.status).toBe('in_review');
  });

  it('returns verified content to draft and voids the verification', () => {
    const state = given(historyIn('verified'))
      .when(revise(), acting(editor, 25))
      .then([articleRevised({ status: 'draft', ...by(editor), at: minute(25) })]);
    expect(state).toMatchObject({ status: 'draft', verification: null, contentRevision: 3 });
  });

  it('changes only the working copy of a published article', () => {
    const state = given(historyIn('published'))
      .when(revise(), acting(editor, 60))
      .then([articleRevised({ status: 'draft', ...by(editor), at: minute(60) })]);
    expect(state).toMatchObject({ status: 'draft', content: sampleRevisedContent, verification: null });
    expect(state?.live).toMatchObject({ content: sampleArticleContent, contentHash: sampleHash });
  });

  it('then lets the writer revise that draft of their published article', () => {
    given([...historyIn('published'), articleRevised({ ...by(editor), at: minute(60) })])
      .when(revise(sampleArticleContent), acting(writer, 70))
      .then([articleRevised({ content: sampleArticleContent, ...by(writer), at: minute(70) })]);
  });

  it('reopens an unpublished article as a draft when an editor revises it', () => {
    const state = given(historyIn('unpublished'))
      .when(revise(), acting(editor, 60))
      .then([articleRevised({ status: 'draft', ...by(editor), at: minute(60) })]);
    expect(state).toMatchObject({ status: 'draft', live: null, slug: expect.any(String) });
  });

  it('refuses to revise a scheduled article until it is unscheduled', () => {
    const error = given(historyIn('scheduled')).when(revise(), acting(editor)).thenThrows('illegal_transition', {
      status: 'scheduled',
    });
    expect(error.message).toBe('Cannot revise an article in status scheduled: unschedule it first');
  });

  it('records nothing when the content is identical, so a verification stays valid', () => {
    given(historyIn('verified')).when(revise(sampleArticleContent), acting(editor)).thenNothingHappens();
  });

  it('treats the same content in another key order as identical', () => {
    const reordered: ArticleContent = {
      topics: sampleArticleContent.topics,
      sources: sampleArticleContent.sources,
      body: sampleArticleContent.body,
      language: 'id',
      dateline: sampleArticleContent.dateline,
      dek: sampleArticleContent.dek,
      headline: sampleArticleContent.headline,
    };
    given(historyIn('draft')).when(revise(reordered), acting(writer)).thenNothingHappens();
  });

  it('still checks who asks before answering an identical revision', () => {
    given(historyIn('draft')).when(revise(sampleArticleContent), acting(otherWriter)).thenThrows('not_owner');
  });

  it('refuses invalid content', () => {
    given(historyIn('draft'))
      .when(revise({ ...sampleRevisedContent, headline: '' }), acting(writer))
      .thenThrows('invalid');
  });

  it('refuses an article that does not exist', () => {
    given([]).when(revise(), acting(editor)).thenThrows('not_found');
  });

  it('binds the next verification to the revised content and revision', () => {
    given([articleDrafted(), articleRevised(), articleSubmitted({ contentHash: revisedHash, at: minute(10) })])
      .when({ type: 'VerifyArticle', data: { checklist: { sourcesChecked: true, quotesAttributed: true } } }, acting(secondEditor, 20))
      .then([
        articleVerified({
          contentHash: revisedHash,
          revision: 2,
          verifiedBy: secondEditor.id,
          verifiedByName: secondEditor.displayName,
        }),
      ]);
  });
});
