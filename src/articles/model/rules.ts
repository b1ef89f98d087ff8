import type { Actor } from '../../kernel/identity.js';
import type { ArticleCommandType } from './commands.js';
import type { ArticleStatus } from './state.js';

export const MAX_RELATED = 10;

/**
 * Who may issue each command, before looking at the article.
 * - `drafter`: writers and editors;
 * - `author_or_editor`: editors, or a writer on their own article (and only while it is a draft);
 * - `editor`: editors only;
 * - `scheduler`: the system actor only.
 * Admins manage keys and subscribers, not content: without the editor role they may not
 * change articles. The system actor may do nothing but publish what was scheduled.
 */
export type Permission = 'drafter' | 'author_or_editor' | 'editor' | 'scheduler';

export const PERMISSION: Readonly<Record<ArticleCommandType, Permission>> = {
  DraftArticle: 'drafter',
  ReviseArticle: 'author_or_editor',
  SubmitArticle: 'author_or_editor',
  RequestChanges: 'editor',
  VerifyArticle: 'editor',
  ScheduleArticle: 'editor',
  UnscheduleArticle: 'editor',
  PublishArticle: 'editor',
  PublishScheduledArticle: 'scheduler',
  CorrectArticle: 'editor',
  UnpublishArticle: 'editor',
  LinkRelated: 'editor',
  UnlinkRelated: 'editor',
};

interface Transition {
  /** Completes "Cannot … an article in status x". */
  readonly verb: string;
  readonly from: readonly ArticleStatus[];
}

const ANY_STATUS: readonly ArticleStatus[] = ['draft', 'in_review', 'verified', 'scheduled', 'published', 'unpublished'];

/**
 * The statuses each command may start from. Some commands add a condition the status alone
 * cannot express (correct and unpublish need a live copy); decide checks those next to these.
 */
export const TRANSITIONS: Readonly<Record<Exclude<ArticleCommandType, 'DraftArticle'>, Transition>> = {
  // A scheduled article is frozen: revising it would silently cancel a planned publication.
  ReviseArticle: { verb: 'revise', from: ['draft', 'in_review', 'verified', 'published', 'unpublished'] },
  SubmitArticle: { verb: 'submit', from: ['draft'] },
  // Sending back to the writer is also how a published or unpublished article is reopened.
  RequestChanges: { verb: 'request changes on', from: ['in_review', 'verified', 'published', 'unpublished'] },
  VerifyArticle: { verb: 'verify', from: ['in_review'] },
  ScheduleArticle: { verb: 'schedule', from: ['verified'] },
  UnscheduleArticle: { verb: 'unschedule', from: ['scheduled'] },
  PublishArticle: { verb: 'publish', from: ['verified'] },
  PublishScheduledArticle: { verb: 'publish on schedule', from: ['scheduled'] },
  CorrectArticle: { verb: 'correct', from: ['verified'] },
  UnpublishArticle: { verb: 'unpublish', from: ['draft', 'in_review', 'verified', 'scheduled', 'published'] },
  LinkRelated: { verb: 'link related articles to', from: ANY_STATUS },
  UnlinkRelated: { verb: 'unlink related articles from', from: ANY_STATUS },
};

export function isEditor(actor: Actor): boolean {
  return actor.system !== true && actor.roles.includes('editor');
}

export function isWriter(actor: Actor): boolean {
  return actor.system !== true && actor.roles.includes('writer');
}

export function isScheduler(actor: Actor): boolean {
  return actor.system === true;
}
