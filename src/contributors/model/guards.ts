import type { Actor } from '../../kernel/identity.js';
import type { ContributorCommandType } from './commands.js';
import { ContributorRuleViolation, type ValidationIssue } from './errors.js';
import { isDesk, isEditor, isWriter, PERMISSION } from './rules.js';
import type { ContributorState } from './state.js';

/** Role check: needs no contributor, so it runs first and tells a role nothing about anyone. */
export function authorise(commandType: ContributorCommandType, actor: Actor): void {
  const allowed = PERMISSION[commandType] === 'editor' ? isEditor(actor) : isDesk(actor) || isWriter(actor);
  if (!allowed) throw new ContributorRuleViolation('forbidden', `${describe(actor)} may not ${commandType}`);
}

/** Writers act only on their own profile; decided on ids alone, so it reveals nothing about others. */
export function requireSelfOrDesk(contributorId: string, actor: Actor): void {
  if (!isDesk(actor) && actor.id !== contributorId) {
    throw new ContributorRuleViolation('not_owner', 'Writers may only change their own contributor profile');
  }
}

export function requireContributor(state: ContributorState | null): ContributorState {
  if (state === null) throw new ContributorRuleViolation('not_found', 'Contributor not found');
  return state;
}

export function invalidAll(issues: readonly ValidationIssue[]): ContributorRuleViolation {
  const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new ContributorRuleViolation('invalid', message, { issues });
}

function describe(actor: Actor): string {
  if (actor.system === true) return `The system actor ${actor.id}`;
  return `${actor.id} (roles: ${actor.roles.length === 0 ? 'none' : actor.roles.join(', ')})`;
}
