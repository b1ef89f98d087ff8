import type { ArticleAsOf } from '../../audit/as-of/article-as-of.js';
import { contentLines } from './format-content.js';

export function formatAsOf(view: ArticleAsOf): string {
  const { article } = view;
  const asked = 'at' in view.asOf ? `at ${view.asOf.at}` : `revision ${view.asOf.revision}`;
  const lines = [
    `Article ${view.articleId} as of ${asked}: revision ${view.revision} of ${view.latestRevision} (occurred ${view.occurredAt})`,
    `Status: ${article.status} · author ${article.authorName} (${article.authorId})`,
    `Working copy (last changed at revision ${article.contentRevision}):`,
    ...contentLines(article.content),
  ];
  const verification = article.verification;
  lines.push(
    verification === null
      ? 'Verification: none'
      : `Verification: revision ${verification.revision} by ${verification.verifiedByName} at ${verification.at}`,
  );
  if (article.schedule !== null) lines.push(`Scheduled: for ${article.schedule.publishAt} by ${article.schedule.byName}`);
  if (article.live === null) {
    lines.push(
      article.unpublished === null ? 'Live copy: none' : `Live copy: none (${article.unpublished.mode}: ${article.unpublished.reason})`,
    );
  } else {
    lines.push(
      `Live copy: /${article.live.slug}, published ${article.live.publishedAt}, editor ${article.live.editorName}`,
      ...contentLines(article.live.content),
    );
  }
  lines.push(
    `Related: ${
      article.related.length === 0
        ? '-'
        : article.related
            .map((link) => `${link.relatedArticleId}${link.afterBlock === undefined ? '' : ` (after block [${link.afterBlock}])`}`)
            .join(', ')
    }`,
  );
  for (const correction of article.corrections) lines.push(`Correction ${correction.at} by ${correction.editorName}: ${correction.note}`);
  return `${lines.join('\n')}\n`;
}
