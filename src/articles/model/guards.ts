import type { Actor } from '../../kernel/identity.js';
import type { ArticleCommandType } from './commands.js';
import { ArticleRuleViolation, type ValidationIssue } from './errors.js';
import { isEditor, isScheduler, isWriter, PERMISSION, TRANSITIONS } from './rules.js';
import { isSlug } from './slug.js';
import type { ArticleState, Verification } from './state.js';

/** Role check: needs no article, so it runs first and tells a role nothing about any article. */
export function authorise(commandType: ArticleCommandType, actor: Actor): void {
  const permission = PERMISSION[commandType];
  const allowed =
    permission === 'scheduler' ? isScheduler(actor) : permission === 'editor' ? isEditor(actor) : isEditor(actor) || isWriter(actor);
  if (!allowed) {
    throw new ArticleRuleViolation('forbidden', `${describe(actor)} may not ${commandType}`);
  }
}

export function requireArticle(state: ArticleState | null): ArticleState {
  if (state === null) throw new ArticleRuleViolation('not_found', 'Article not found');
  return state;
}

/** Writers act only on their own articles; checked before status so it reveals nothing about it. */
export function requireAuthorOrEditor(state: ArticleState, actor: Actor): void {
  if (!isEditor(actor) && actor.id !== state.authorId) {
    throw new ArticleRuleViolation('not_owner', 'Writers may only change their own articles');
  }
}

/** A writer may revise or submit their own article only while it is a draft. */
export function requireWriterOnDraft(state: ArticleState, actor: Actor, verb: string): void {
  if (!isEditor(actor) && state.status !== 'draft') {
    throw new ArticleRuleViolation('forbidden', `Writers may only ${verb} their own drafts; this article is in status ${state.status}`, {
      status: state.status,
    });
  }
}

export function requireStatus(state: ArticleState, commandType: Exclude<ArticleCommandType, 'DraftArticle'>): void {
  const { verb, from } = TRANSITIONS[commandType];
  if (!from.includes(state.status)) throw illegalTransition(verb, state);
}

export function illegalTransition(verb: string, state: ArticleState, why?: string): ArticleRuleViolation {
  const hint = why ?? (state.status === 'scheduled' ? 'unschedule it first' : undefined);
  const message = `Cannot ${verb} an article in status ${state.status}${hint === undefined ? '' : `: ${hint}`}`;
  return new ArticleRuleViolation('illegal_transition', message, { status: state.status });
}

/**
 * The central safety rule, checked on its own terms rather than trusted to the status: the
 * working copy must be exactly what was verified (same hash) and unchanged since (no revision
 * after the verified one).
 */
export function requireVerifiedUnchanged(state: ArticleState): Verification {
  const verification = state.verification;
  if (verification === null) {
    throw new ArticleRuleViolation('not_verified', 'Only verified content can go live; this working copy is not verified', {
      status: state.status,
    });
  }
  if (verification.contentHash !== state.contentHash || verification.revision < state.contentRevision) {
    throw new ArticleRuleViolation(
      'changed_since_verification',
      `The working copy changed after it was verified at revision ${verification.revision}; verify it again`,
      { status: state.status },
    );
  }
  return verification;
}

/** The slug comes reserved from the shell; once an article has one, its URL never changes. */
export function requireSlug(state: ArticleState, slug: string): string {
  if (!isSlug(slug)) throw invalid('slug', `'${slug}' is not a slug (lowercase ASCII words joined by hyphens)`);
  if (state.slug !== null && slug !== state.slug) {
    throw invalid('slug', `This article lives at '${state.slug}'; a published URL never changes`);
  }
  return slug;
}

export function invalid(path: string, message: string): ArticleRuleViolation {
  return invalidAll([{ path, message }]);
}

export function invalidAll(issues: readonly ValidationIssue[]): ArticleRuleViolation {
  const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new ArticleRuleViolation('invalid', message, { issues });
}

function describe(actor: Actor): string {
  if (isScheduler(actor)) return 'The scheduler';
  return `${actor.id} (roles: ${actor.roles.length === 0 ? 'none' : actor.roles.join(', ')})`;
}
