import type { ArticleEvent } from './events.js';
import {
  articleCorrected,
  articleDrafted,
  articlePublished,
  articleRevised,
  articleScheduled,
  articleSubmitted,
  articleUnscheduled,
  articleVerified,
  by,
  historyIn,
  minute,
  relatedLinked,
  revisedHash,
} from './testing/article-events.js';
import { acting, given } from './testing/decider-spec.js';
import { editor, relatedArticleId, sampleRevisedContent, sampleSlug, scheduler, secondEditor, writer } from './testing/sample-article.js';

const publish = (slug = sampleSlug) => ({ type: 'PublishArticle', data: { slug } }) as const;
const schedule = (publishAt: string) => ({ type: 'ScheduleArticle', data: { publishAt } }) as const;
const unschedule = { type: 'UnscheduleArticle', data: {} } as const;
const publishScheduled = (slug = sampleSlug) => ({ type: 'PublishScheduledArticle', data: { slug } }) as const;
const correct = (note: string, slug = sampleSlug) => ({ type: 'CorrectArticle', data: { note, slug } }) as const;

/** Published at minute 40, then revised (4), resubmitted (5) and verified again (6) by the desk. */
function reverifiedAfter(history: ArticleEvent[]): ArticleEvent[] {
  const revision = history.length + 1;
  return [
    ...history,
    articleRevised({ ...by(editor), at: minute(60) }),
    articleSubmitted({ contentHash: revisedHash, ...by(editor), at: minute(61) }),
    articleVerified({
      contentHash: revisedHash,
      revision,
      verifiedBy: secondEditor.id,
      verifiedByName: secondEditor.displayName,
      at: minute(62),
    }),
  ];
}

describe('PublishArticle', () => {
  it('publishes the verified working copy for the first time under the reserved slug', () => {
    const state = given(historyIn('verified'))
      .when(publish(), acting(editor, 40))
      .then([articlePublished({ kind: 'first', verifiedRevision: 1, scheduled: false, at: minute(40) })]);
    expect(state).toMatchObject({
      status: 'published',
      slug: sampleSlug,
      firstPublishedAt: minute(40),
      live: { slug: sampleSlug, publishedAt: minute(40), firstPublishedAt: minute(40), editorId: editor.id },
    });
  });

  it('carries the related links so a reader can render the page from the event alone', () => {
    given([...historyIn('verified'), relatedLinked({ afterBlock: 3, at: minute(30) })])
      .when(publish(), acting(editor, 40))
      .then([articlePublished({ related: [{ relatedArticleId, afterBlock: 3 }] })]);
  });

  it('publishes a re-verified working copy of a live article as an update', () => {
    const state = given(reverifiedAfter(historyIn('published')))
      .when(publish(), acting(editor, 63))
      .then([
        articlePublished({
          kind: 'update',
          content: sampleRevisedContent,
          contentHash: revisedHash,
          verifiedRevision: 5,
          firstPublishedAt: minute(40),
          at: minute(63),
        }),
      ]);
    expect(state?.live).toMatchObject({ contentHash: revisedHash, publishedAt: minute(63), firstPublishedAt: minute(40) });
  });

  it('republishes an unpublished article under its old slug', () => {
    const state = given(reverifiedAfter(historyIn('unpublished')))
      .when(publish(), acting(editor, 63))
      .then([
        articlePublished({
          kind: 'republish',
          content: sampleRevisedContent,
          contentHash: revisedHash,
          verifiedRevision: 6,
          firstPublishedAt: minute(40),
          at: minute(63),
        }),
      ]);
    expect(state).toMatchObject({ status: 'published', unpublished: null, slug: sampleSlug });
  });

  it('never changes the URL of an article that has been published', () => {
    given(reverifiedAfter(historyIn('unpublished')))
      .when(publish(`${sampleSlug}-2`), acting(editor, 63))
      .thenThrows('invalid', { message: /never changes/ });
  });

  it('refuses a slug that is not a slug', () => {
    given(historyIn('verified')).when(publish('Banjir Tangsel!'), acting(editor)).thenThrows('invalid');
  });

  it('refuses content that changed after it was verified (hash differs)', () => {
    given([articleDrafted(), articleSubmitted(), articleVerified({ contentHash: revisedHash })])
      .when(publish(), acting(editor))
      .thenThrows('changed_since_verification');
  });

  it('refuses content that was revised after the verified revision, even back to the same text', () => {
    given([
      articleDrafted({ content: sampleRevisedContent }),
      articleRevised({ at: minute(5) }),
      articleSubmitted({ contentHash: revisedHash }),
      articleVerified({ contentHash: revisedHash, revision: 0 }),
    ])
      .when(publish(), acting(editor))
      .thenThrows('changed_since_verification');
  });

  it('refuses a working copy that carries no verification, whatever its status says', () => {
    given([articleDrafted(), articleSubmitted(), articleScheduled(), articleUnscheduled()])
      .when(publish(), acting(editor))
      .thenThrows('not_verified');
  });

  it('is for editors only', () => {
    given(historyIn('verified')).when(publish(), acting(writer)).thenThrows('forbidden');
  });
});

describe('ScheduleArticle', () => {
  it('schedules verified content for a later instant, stored in UTC', () => {
    const state = given(historyIn('verified'))
      .when(schedule('2025-01-20T10:00:00+07:00'), acting(editor, 30))
      .then([articleScheduled({ publishAt: minute(120) })]);
    expect(state).toMatchObject({ status: 'scheduled', schedule: { publishAt: minute(120), by: editor.id } });
  });

  it.each([
    ['now', minute(30)],
    ['in the past', minute(29)],
  ])('refuses a publishAt that is %s', (_, publishAt) => {
    given(historyIn('verified')).when(schedule(publishAt), acting(editor, 30)).thenThrows('invalid');
  });

  it.each(['2025-01-20T10:00:00', 'besok pagi', '2025-02-30T10:00:00Z', ''])(
    "refuses '%s' (not an instant with a time zone)",
    (publishAt) => {
      given(historyIn('verified')).when(schedule(publishAt), acting(editor, 30)).thenThrows('invalid');
    },
  );

  it('refuses content that changed after it was verified', () => {
    given([articleDrafted(), articleSubmitted(), articleVerified({ contentHash: revisedHash })])
      .when(schedule(minute(120)), acting(editor, 30))
      .thenThrows('changed_since_verification');
  });
});

describe('UnscheduleArticle', () => {
  it('returns a scheduled article to verified', () => {
    const state = given(historyIn('scheduled')).when(unschedule, acting(editor, 35)).then([articleUnscheduled()]);
    expect(state).toMatchObject({ status: 'verified', schedule: null, verification: { revision: 1 } });
  });
});

describe('PublishScheduledArticle', () => {
  it('publishes when the time has come, crediting the editor who scheduled it', () => {
    const state = given(historyIn('scheduled'))
      .when(publishScheduled(), acting(scheduler, 120))
      .then([articlePublished({ scheduled: true, editorId: editor.id, editorName: editor.displayName, at: minute(120) })]);
    expect(state).toMatchObject({ status: 'published', schedule: null });
  });

  it('refuses to publish before the scheduled time', () => {
    given(historyIn('scheduled')).when(publishScheduled(), acting(scheduler, 119)).thenThrows('not_due', { status: 'scheduled' });
  });

  it('publishes a scheduled update of a live article as an update', () => {
    const history = reverifiedAfter(historyIn('published'));
    given([...history, articleScheduled({ contentHash: revisedHash, verifiedRevision: 5, at: minute(64) })])
      .when(publishScheduled(), acting(scheduler, 120))
      .then([
        articlePublished({
          kind: 'update',
          scheduled: true,
          content: sampleRevisedContent,
          contentHash: revisedHash,
          verifiedRevision: 5,
          firstPublishedAt: minute(40),
          at: minute(120),
        }),
      ]);
  });

  it('is for the scheduler only; editors publish directly', () => {
    given(historyIn('scheduled')).when(publishScheduled(), acting(editor, 120)).thenThrows('forbidden');
    given(historyIn('verified')).when(publish(), acting(scheduler, 120)).thenThrows('forbidden');
  });

  it('still refuses content that changed after it was verified', () => {
    given([articleDrafted(), articleSubmitted(), articleVerified({ contentHash: revisedHash }), articleScheduled()])
      .when(publishScheduled(), acting(scheduler, 120))
      .thenThrows('changed_since_verification');
  });
});

describe('CorrectArticle', () => {
  it('publishes the re-verified working copy with a public correction note', () => {
    const note = 'Koreksi: jumlah pompa yang disiagakan adalah 14 unit, bukan 12 unit.';
    const state = given(reverifiedAfter(historyIn('published')))
      .when(correct(`  ${note} `), acting(editor, 90))
      .then([
        articleCorrected({
          note,
          content: sampleRevisedContent,
          contentHash: revisedHash,
          verifiedRevision: 5,
          at: minute(90),
        }),
      ]);
    expect(state).toMatchObject({
      status: 'published',
      live: { contentHash: revisedHash, publishedAt: minute(90), firstPublishedAt: minute(40) },
      corrections: [{ note, at: minute(90), editorId: editor.id, editorName: editor.displayName }],
    });
  });

  it('refuses an article that was never published', () => {
    given(historyIn('verified'))
      .when(correct('Koreksi angka.'), acting(editor))
      .thenThrows('illegal_transition', { status: 'verified', message: /not live/ });
  });

  it('refuses a correction without a note', () => {
    given(reverifiedAfter(historyIn('published')))
      .when(correct(' '), acting(editor))
      .thenThrows('invalid');
  });

  it('refuses a slug other than the live one', () => {
    given(reverifiedAfter(historyIn('published')))
      .when(correct('Koreksi angka.', 'judul-lain'), acting(editor))
      .thenThrows('invalid');
  });
});
