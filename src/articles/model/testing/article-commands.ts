import type { ArticleCommand, ArticleCommandType } from '../commands.js';
import { minute } from './article-events.js';
import { relatedArticleId, sampleArticleContent, sampleArticleId, sampleRevisedContent, sampleSlug } from './sample-article.js';

type CommandOf<T extends ArticleCommandType> = Extract<ArticleCommand, { type: T }>;

/** One well-formed command of each type, so a failure in a table test is about status or role only. */
export const validCommands: { readonly [T in ArticleCommandType]: CommandOf<T> } = {
  DraftArticle: { type: 'DraftArticle', data: { articleId: sampleArticleId, content: sampleArticleContent } },
  ReviseArticle: { type: 'ReviseArticle', data: { content: sampleRevisedContent } },
  SubmitArticle: { type: 'SubmitArticle', data: {} },
  RequestChanges: { type: 'RequestChanges', data: { notes: 'Mohon konfirmasi ulang jumlah rumah yang terendam.' } },
  VerifyArticle: { type: 'VerifyArticle', data: { checklist: { sourcesChecked: true, quotesAttributed: true } } },
  ScheduleArticle: { type: 'ScheduleArticle', data: { publishAt: minute(600) } },
  UnscheduleArticle: { type: 'UnscheduleArticle', data: {} },
  PublishArticle: { type: 'PublishArticle', data: { slug: sampleSlug } },
  PublishScheduledArticle: { type: 'PublishScheduledArticle', data: { slug: sampleSlug } },
  CorrectArticle: {
    type: 'CorrectArticle',
    data: { note: 'Koreksi: jumlah pompa yang disiagakan adalah 14 unit.', slug: sampleSlug },
  },
  UnpublishArticle: { type: 'UnpublishArticle', data: { mode: 'takedown', reason: 'Perintah pengadilan' } },
  LinkRelated: { type: 'LinkRelated', data: { relatedArticleId, target: { exists: true } } },
  UnlinkRelated: { type: 'UnlinkRelated', data: { relatedArticleId } },
};

export const ARTICLE_COMMAND_TYPES = Object.keys(validCommands) as readonly ArticleCommandType[];
