import {
  articleChangesRequested,
  articleDrafted,
  articleRevised,
  articleSubmitted,
  articleVerified,
  by,
  historyIn,
  minute,
  sampleHash,
} from './testing/article-events.js';
import { acting, given } from './testing/decider-spec.js';
import { editor, otherWriter, sampleArticleContent, secondEditor, writer } from './testing/sample-article.js';

const submit = { type: 'SubmitArticle', data: {} } as const;
const requestChanges = (notes: string) => ({ type: 'RequestChanges', data: { notes } }) as const;
const verify = (checklist = { sourcesChecked: true, quotesAttributed: true }, notes?: string) =>
  ({ type: 'VerifyArticle', data: notes === undefined ? { checklist } : { checklist, notes } }) as const;

describe('SubmitArticle', () => {
  it('lets the author submit their draft for review', () => {
    const state = given(historyIn('draft')).when(submit, acting(writer, 10)).then([articleSubmitted()]);
    expect(state?.status).toBe('in_review');
  });

  it("lets an editor submit a writer's draft", () => {
    given(historyIn('draft'))
      .when(submit, acting(editor, 10))
      .then([articleSubmitted({ ...by(editor) })]);
  });

  it("refuses a writer submitting someone else's draft", () => {
    given(historyIn('draft')).when(submit, acting(otherWriter)).thenThrows('not_owner');
  });

  it('refuses a draft without a body', () => {
    given([articleDrafted({ content: { ...sampleArticleContent, body: [] } })])
      .when(submit, acting(writer))
      .thenThrows('invalid');
  });

  it('accepts a resubmission after changes were requested', () => {
    given([...historyIn('in_review'), articleChangesRequested(), articleRevised({ at: minute(16) })])
      .when(submit, acting(writer, 17))
      .then([articleSubmitted({ contentHash: articleRevised().data.contentHash, at: minute(17) })]);
  });
});

describe('RequestChanges', () => {
  it('sends an article in review back to draft and keeps the notes for the writer', () => {
    const state = given(historyIn('in_review'))
      .when(requestChanges('  Tambahkan sumber untuk prakiraan BMKG.  '), acting(editor, 15))
      .then([articleChangesRequested()]);
    expect(state).toMatchObject({
      status: 'draft',
      editorNotes: [{ notes: 'Tambahkan sumber untuk prakiraan BMKG.', by: editor.id, byName: editor.displayName, at: minute(15) }],
    });
  });

  it('voids the verification of a verified article', () => {
    const state = given(historyIn('verified'))
      .when(requestChanges('Kutipan kedua perlu dikonfirmasi.'), acting(secondEditor, 25))
      .then([articleChangesRequested({ notes: 'Kutipan kedua perlu dikonfirmasi.', ...by(secondEditor), at: minute(25) })]);
    expect(state).toMatchObject({ status: 'draft', verification: null });
  });

  it('reopens a published article for its writer while the live copy stays', () => {
    const state = given(historyIn('published'))
      .when(requestChanges('Perbarui jumlah pompa.'), acting(editor, 60))
      .then([articleChangesRequested({ notes: 'Perbarui jumlah pompa.', at: minute(60) })]);
    expect(state).toMatchObject({ status: 'draft', live: { contentHash: sampleHash } });
  });

  it('refuses blank notes', () => {
    given(historyIn('in_review')).when(requestChanges('   '), acting(editor)).thenThrows('invalid');
  });

  it('is for editors only', () => {
    given(historyIn('in_review')).when(requestChanges('Tolong revisi.'), acting(writer)).thenThrows('forbidden');
  });
});

describe('VerifyArticle', () => {
  it('binds the verification to the current content hash and stream revision', () => {
    const state = given(historyIn('in_review'))
      .when(verify(), acting(editor, 20))
      .then([articleVerified({ contentHash: sampleHash, revision: 1 })]);
    expect(state).toMatchObject({
      status: 'verified',
      verification: { contentHash: sampleHash, revision: 1, verifiedBy: editor.id },
    });
  });

  it('keeps trimmed notes and leaves blank ones out', () => {
    given(historyIn('in_review'))
      .when(verify(undefined, ' Angka dicek ke BPBD. '), acting(editor, 20))
      .then([articleVerified({ notes: 'Angka dicek ke BPBD.' })]);
    given(historyIn('in_review')).when(verify(undefined, '  '), acting(editor, 20)).then([articleVerified()]);
  });

  it('never lets the author verify their own article (four eyes)', () => {
    given([articleDrafted({ authorId: editor.id, authorName: editor.displayName }), articleSubmitted({ ...by(editor) })])
      .when(verify(), acting(editor))
      .thenThrows('four_eyes');
  });

  it('refuses an incomplete checklist, naming each unchecked item', () => {
    const error = given(historyIn('in_review'))
      .when(verify({ sourcesChecked: false, quotesAttributed: false }), acting(editor))
      .thenThrows('invalid');
    expect(error.issues.map((issue) => issue.path)).toEqual(['checklist.sourcesChecked', 'checklist.quotesAttributed']);
  });

  it('is for editors only', () => {
    given(historyIn('in_review')).when(verify(), acting(otherWriter)).thenThrows('forbidden');
  });
});
