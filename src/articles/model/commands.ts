import type { ArticleContent } from './content.js';

/** Imperative requests to the article decider. Data only; the shell fills in looked-up facts. */
export type ArticleCommand =
  | { readonly type: 'DraftArticle'; readonly data: { readonly articleId: string; readonly content: ArticleContent } }
  | { readonly type: 'ReviseArticle'; readonly data: { readonly content: ArticleContent } }
  | { readonly type: 'SubmitArticle'; readonly data: Record<string, never> }
  | { readonly type: 'RequestChanges'; readonly data: { readonly notes: string } }
  | {
      readonly type: 'VerifyArticle';
      readonly data: {
        readonly checklist: { readonly sourcesChecked: boolean; readonly quotesAttributed: boolean };
        readonly notes?: string;
      };
    }
  /** `publishAt`: ISO 8601 date-time with an explicit offset or Z, strictly in the future. */
  | { readonly type: 'ScheduleArticle'; readonly data: { readonly publishAt: string } }
  | { readonly type: 'UnscheduleArticle'; readonly data: Record<string, never> }
  /**
   * `slug` (here, in PublishScheduledArticle and in CorrectArticle) is reserved by the shell,
   * unique across articles, before the command is decided; once an article has a slug it must be that one.
   */
  | { readonly type: 'PublishArticle'; readonly data: { readonly slug: string } }
  /** Issued by the scheduler (system actor) once the scheduled time has come. */
  | { readonly type: 'PublishScheduledArticle'; readonly data: { readonly slug: string } }
  | { readonly type: 'CorrectArticle'; readonly data: { readonly note: string; readonly slug: string } }
  | {
      readonly type: 'UnpublishArticle';
      readonly data: { readonly mode: 'withdraw' | 'takedown'; readonly reason: string; readonly notice?: string };
    }
  /** `target` is what the shell found when it looked the related article up. */
  | {
      readonly type: 'LinkRelated';
      readonly data: {
        readonly relatedArticleId: string;
        readonly afterBlock?: number;
        readonly target: { readonly exists: boolean };
      };
    }
  | { readonly type: 'UnlinkRelated'; readonly data: { readonly relatedArticleId: string } };

export type ArticleCommandType = ArticleCommand['type'];

/** The data of one command type. */
export type Data<T extends ArticleCommandType> = Extract<ArticleCommand, { type: T }>['data'];
