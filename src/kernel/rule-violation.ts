import { Refusal, type RefusalKind, type ValidationIssue } from './refusal.js';

/**
 * What a decider's refusal tells the shell. Every context's rule violation extends
 * DomainRuleViolation, so the command runner (which records `forbidden` ones as denials)
 * and the one problem mapping handle them all without knowing the context.
 */

/** The kinds a decision can refuse with: not_found → 404, forbidden → 403, conflict → 409, invalid → 400. */
export type RuleViolationKind = Extract<RefusalKind, 'not_found' | 'forbidden' | 'conflict' | 'invalid'>;

export type { ValidationIssue };

export interface RuleViolation {
  /** The context's own code (e.g. `four_eyes`); the problem type is made from it. */
  readonly code: string;
  readonly kind: RuleViolationKind;
  readonly message: string;
  /** The resource's status when the rule that failed depends on it (problem member `currentStatus`). */
  readonly status?: string | undefined;
  readonly issues: readonly ValidationIssue[];
}

export interface RuleViolationDetails<Status extends string> {
  readonly status?: Status;
  readonly issues?: readonly ValidationIssue[];
}

const TITLE_OF_KIND: Readonly<Record<RuleViolationKind, string>> = {
  not_found: 'Not found',
  forbidden: 'Not allowed',
  conflict: 'Conflict with the resource’s current state',
  invalid: 'Invalid request',
};

/** A rule of the domain said no; the problem carries the rule's `code` and, where it matters, `currentStatus`. */
export abstract class DomainRuleViolation<Code extends string, Status extends string> extends Refusal implements RuleViolation {
  declare readonly kind: RuleViolationKind;
  declare readonly code: Code;
  readonly status: Status | undefined;

  protected constructor(code: Code, kind: RuleViolationKind, message: string, details: RuleViolationDetails<Status> = {}) {
    super(kind, code, message, {
      title: TITLE_OF_KIND[kind],
      ...(details.issues === undefined ? {} : { issues: details.issues }),
      members: { code, ...(details.status === undefined ? {} : { currentStatus: details.status }) },
    });
    this.status = details.status;
  }
}

export function isRuleViolation(error: unknown): error is DomainRuleViolation<string, string> {
  return error instanceof DomainRuleViolation;
}
