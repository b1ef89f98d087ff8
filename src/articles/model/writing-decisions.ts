import { contentHash } from './content-hash.js';
import { contentIssues, isBlank, normalizeContent } from './content-rules.js';
import type { ArticleContent } from './content.js';
import type { DecideContext } from '../../kernel/decider.js';
import type { Data } from './commands.js';
import { optional, presentText, stamp } from './decision-support.js';
import { ArticleRuleViolation } from './errors.js';
import type { ArticleEvent } from './events.js';
import { invalid, invalidAll, requireAuthorOrEditor, requireStatus, requireWriterOnDraft } from './guards.js';
import type { ArticleState } from './state.js';

/** Writing and review: draft, revise, submit, request changes, verify. */

export function draft(state: ArticleState | null, data: Data<'DraftArticle'>, ctx: DecideContext): ArticleEvent[] {
  if (state !== null) throw new ArticleRuleViolation('already_exists', `Article ${state.id} already exists`);
  if (isBlank(data.articleId)) throw invalid('articleId', 'An article id is required');
  const content = validContent(data.content);
  return [
    {
      type: 'ArticleDrafted',
      data: {
        articleId: data.articleId,
        authorId: ctx.actor.id,
        authorName: ctx.actor.displayName,
        content,
        contentHash: contentHash(content),
        at: ctx.now.toISOString(),
      },
    },
  ];
}

export function revise(state: ArticleState, data: Data<'ReviseArticle'>, ctx: DecideContext): ArticleEvent[] {
  requireAuthorOrEditor(state, ctx.actor);
  requireStatus(state, 'ReviseArticle');
  requireWriterOnDraft(state, ctx.actor, 'revise');
  const content = validContent(data.content);
  const hash = contentHash(content);
  // Same content is not a change: nothing to record, and a verification stays valid.
  if (hash === state.contentHash) return [];
  return [
    {
      type: 'ArticleRevised',
      data: {
        content,
        contentHash: hash,
        status: state.status === 'in_review' ? 'in_review' : 'draft',
        ...stamp(ctx),
      },
    },
  ];
}

export function submit(state: ArticleState, ctx: DecideContext): ArticleEvent[] {
  requireAuthorOrEditor(state, ctx.actor);
  requireStatus(state, 'SubmitArticle');
  requireWriterOnDraft(state, ctx.actor, 'submit');
  if (state.content.body.length === 0) throw invalid('content.body', 'An article needs a body before it is submitted');
  return [{ type: 'ArticleSubmitted', data: { contentHash: state.contentHash, ...stamp(ctx) } }];
}

export function requestChanges(state: ArticleState, data: Data<'RequestChanges'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'RequestChanges');
  if (isBlank(data.notes)) throw invalid('notes', 'Say what needs to change');
  return [{ type: 'ArticleChangesRequested', data: { notes: data.notes.trim(), ...stamp(ctx) } }];
}

export function verify(state: ArticleState, data: Data<'VerifyArticle'>, ctx: DecideContext): ArticleEvent[] {
  requireStatus(state, 'VerifyArticle');
  if (ctx.actor.id === state.authorId) {
    throw new ArticleRuleViolation('four_eyes', 'The author of an article cannot verify it');
  }
  const { sourcesChecked, quotesAttributed } = data.checklist;
  const unchecked = [
    ...(sourcesChecked === true ? [] : [{ path: 'checklist.sourcesChecked', message: 'Sources must be checked' }]),
    ...(quotesAttributed === true ? [] : [{ path: 'checklist.quotesAttributed', message: 'Quotes must be attributed' }]),
  ];
  if (unchecked.length > 0) throw invalidAll(unchecked);
  return [
    {
      type: 'ArticleVerified',
      data: {
        contentHash: state.contentHash,
        revision: state.revision,
        checklist: { sourcesChecked, quotesAttributed },
        ...optional('notes', presentText(data.notes)),
        verifiedBy: ctx.actor.id,
        verifiedByName: ctx.actor.displayName,
        at: ctx.now.toISOString(),
      },
    },
  ];
}

function validContent(content: ArticleContent): ArticleContent {
  const normalized = normalizeContent(content);
  const issues = contentIssues(normalized);
  if (issues.length > 0) throw invalidAll(issues);
  return normalized;
}
