import type { ArticleEvent } from '../../articles/model/events.js';
import { fold } from '../../articles/model/evolve.js';
import {
  articleChangesRequested,
  articleDrafted,
  articlePublished,
  articleRevised,
  articleUnpublished,
  articleVerified,
  by,
  historyIn,
  relatedLinked,
} from '../../articles/model/testing/article-events.js';
import { editor, relatedArticleId, sampleArticleContent, sampleSlug } from '../../articles/model/testing/sample-article.js';
import { summarize } from './event-summary.js';

function summaryAfter(history: readonly ArticleEvent[], event: ArticleEvent, actorName = 'Ayu Lestari'): string {
  return summarize(event, fold(history), actorName);
}

describe('summarize', () => {
  it('says who verified which revision and what they checked', () => {
    expect(summaryAfter(historyIn('in_review'), articleVerified({ revision: 5 }))).toBe(
      'Ayu Lestari verified revision 5 (sources checked, quotes attributed)',
    );
  });

  it('names the fields a revision changed, against the state before it', () => {
    const content = { ...sampleArticleContent, headline: 'Judul baru', topics: ['Banjir'] };
    expect(summaryAfter([articleDrafted()], articleRevised({ content, ...by(editor) }))).toBe(
      'Ayu Lestari revised the headline and topics',
    );
    expect(summaryAfter([articleDrafted()], articleRevised({ status: 'in_review' }))).toBe(
      'Dimas Prasetyo revised the headline, body and sources during review',
    );
  });

  it('reads well for the rest of the workflow', () => {
    expect(summarize(articleDrafted(), null, 'Dimas Prasetyo')).toBe(`Dimas Prasetyo drafted “${sampleArticleContent.headline}”`);
    expect(summaryAfter(historyIn('in_review'), articleChangesRequested())).toBe(
      'Ayu Lestari requested changes: “Tambahkan sumber untuk prakiraan BMKG.”',
    );
    expect(summaryAfter(historyIn('verified'), articlePublished())).toBe(`Ayu Lestari published /${sampleSlug} from revision 1`);
    expect(summaryAfter(historyIn('verified'), articlePublished({ scheduled: true }), 'Redaksi scheduler')).toBe(
      `Redaksi scheduler published /${sampleSlug} from revision 1 on schedule (scheduled by Ayu Lestari)`,
    );
    expect(summaryAfter(historyIn('published'), articleUnpublished({ mode: 'takedown', reason: 'Perintah pengadilan' }))).toBe(
      `Ayu Lestari took /${sampleSlug} down (reason: Perintah pengadilan)`,
    );
    expect(summaryAfter(historyIn('draft'), relatedLinked({ afterBlock: 0 }))).toBe(
      `Ayu Lestari linked related article ${relatedArticleId} after block 1`,
    );
  });
});
