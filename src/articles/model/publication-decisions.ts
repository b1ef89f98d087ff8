import { isBlank } from './content-rules.js';
import type { DecideContext } from '../../kernel/decider.js';
import type { Data } from './commands.js';
import { optional, presentText, stamp } from './decision-support.js';
import { ArticleRuleViolation } from './errors.js';
import type { ArticleEvent, ArticlePublished, PublicationKind } from './events.js';
import { illegalTransition, invalid, requireSlug, requireStatus, requireVerifiedUnchanged } from './guards.js';
import { parseInstant } from '../../kernel/instant.js';
import type { ArticleState, Schedule } from './state.js';

/** Going live and coming down: schedule, unschedule, publish (now or on schedule), correct, unpublish. */

export function schedule(state: ArticleState, data: Data<'ScheduleArticle'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'ScheduleArticle');
  const verification = requireVerifiedUnchanged(state);
  const publishAt = parseInstant(data.publishAt);
  if (publishAt === undefined) {
    throw invalid('publishAt', 'publishAt must be an ISO 8601 date-time with a time zone, e.g. 2025-01-21T06:00:00+07:00');
  }
  if (publishAt.getTime() <= ctx.now.getTime()) throw invalid('publishAt', 'publishAt must be in the future');
  return [
    {
      type: 'ArticleScheduled',
      data: {
        publishAt: publishAt.toISOString(),
        contentHash: state.contentHash,
        verifiedRevision: verification.revision,
        ...stamp(ctx),
      },
    },
  ];
}

export function unschedule(state: ArticleState, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'UnscheduleArticle');
  return [{ type: 'ArticleUnscheduled', data: { publishAt: scheduleOf(state).publishAt, ...stamp(ctx) } }];
}

export function publish(state: ArticleState, data: Data<'PublishArticle'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'PublishArticle');
  return [published(state, data.slug, { id: ctx.actor.id, name: ctx.actor.displayName }, false, ctx)];
}

export function publishScheduled(state: ArticleState, data: Data<'PublishScheduledArticle'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'PublishScheduledArticle');
  const plan = scheduleOf(state);
  if (Date.parse(plan.publishAt) > ctx.now.getTime()) {
    throw new ArticleRuleViolation('not_due', `Not due yet: the article is in status ${state.status} for ${plan.publishAt}`, {
      status: state.status,
    });
  }
  // The scheduler only carries out the decision: the editor who scheduled it is credited.
  return [published(state, data.slug, { id: plan.by, name: plan.byName }, true, ctx)];
}

function published(
  state: ArticleState,
  slug: string,
  editor: { readonly id: string; readonly name: string },
  scheduled: boolean,
  ctx: DecideContext,
): ArticlePublished {
  const verification = requireVerifiedUnchanged(state);
  const at = ctx.now.toISOString();
  return {
    type: 'ArticlePublished',
    data: {
      ...liveCopy(state, requireSlug(state, slug), verification.revision, editor, at),
      kind: publicationKind(state),
      scheduled,
    },
  };
}

function publicationKind(state: ArticleState): PublicationKind {
  if (state.live !== null) return 'update';
  return state.firstPublishedAt === null ? 'first' : 'republish';
}

export function correct(state: ArticleState, data: Data<'CorrectArticle'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'CorrectArticle');
  if (state.live === null) throw illegalTransition('correct', state, 'it is not live; publish it instead');
  if (isBlank(data.note)) throw invalid('note', 'A correction needs a public note');
  const verification = requireVerifiedUnchanged(state);
  const slug = requireSlug(state, data.slug);
  const editor = { id: ctx.actor.id, name: ctx.actor.displayName };
  return [
    {
      type: 'ArticleCorrected',
      data: { ...liveCopy(state, slug, verification.revision, editor, ctx.now.toISOString()), note: data.note.trim() },
    },
  ];
}

function liveCopy(
  state: ArticleState,
  slug: string,
  verifiedRevision: number,
  editor: { readonly id: string; readonly name: string },
  at: string,
) {
  return {
    slug,
    content: state.content,
    contentHash: state.contentHash,
    verifiedRevision,
    editorId: editor.id,
    editorName: editor.name,
    authorId: state.authorId,
    authorName: state.authorName,
    related: state.related,
    firstPublishedAt: state.firstPublishedAt ?? at,
    at,
  };
}

export function unpublish(state: ArticleState, data: Data<'UnpublishArticle'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'UnpublishArticle');
  if (state.live === null) throw illegalTransition('unpublish', state, 'it is not live');
  if (isBlank(data.reason)) throw invalid('reason', 'Say why the article is unpublished');
  const notice = presentText(data.notice);
  if (data.mode === 'withdraw' && notice === undefined) {
    throw invalid('notice', 'A withdrawn article shows readers a public notice');
  }
  if (data.mode === 'takedown' && notice !== undefined) {
    throw invalid('notice', 'A takedown removes the article without a public notice');
  }
  return [
    {
      type: 'ArticleUnpublished',
      data: {
        slug: state.live.slug,
        mode: data.mode,
        reason: data.reason.trim(),
        ...optional('notice', notice),
        ...stamp(ctx),
      },
    },
  ];
}

function scheduleOf(state: ArticleState): Schedule {
  if (state.schedule === null) throw new Error(`Article ${state.id} is scheduled without a schedule`);
  return state.schedule;
}
