/**
 * What a decider's refusal tells the shell. Every context's rule violation extends
 * DomainRuleViolation, so the command executor (which records `forbidden` ones as denials)
 * and the one HTTP mapping (kind → 404/403/409/400) handle them all without knowing the context.
 */

/** not_found → 404, forbidden → 403, conflict → 409, invalid → 400. */
export type RuleViolationKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid';

/** A failing field, for the 400 problem details. `path` is relative to the command's data. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

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

export abstract class DomainRuleViolation<Code extends string, Status extends string> extends Error implements RuleViolation {
  readonly status: Status | undefined;
  readonly issues: readonly ValidationIssue[];

  protected constructor(
    readonly code: Code,
    readonly kind: RuleViolationKind,
    message: string,
    details: RuleViolationDetails<Status> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.status = details.status;
    this.issues = details.issues ?? [];
  }
}

export function isRuleViolation(error: unknown): error is DomainRuleViolation<string, string> {
  return error instanceof DomainRuleViolation;
}
