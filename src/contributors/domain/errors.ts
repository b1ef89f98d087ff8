import type { VerificationStatus } from './state.js';

/** Every way the contributor decider can refuse a command. Closed: the shell maps each one. */
export type ContributorErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'not_owner'
  | 'four_eyes'
  | 'community_set_by_desk'
  | 'already_verified'
  | 'not_verified'
  | 'invalid';

/** not_found → 404, forbidden → 403, conflict → 409, invalid → 400 (as for articles). */
export type ContributorErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid';

export const CONTRIBUTOR_ERROR_KIND: Readonly<Record<ContributorErrorCode, ContributorErrorKind>> = {
  not_found: 'not_found',
  forbidden: 'forbidden',
  not_owner: 'forbidden',
  four_eyes: 'forbidden',
  community_set_by_desk: 'forbidden',
  already_verified: 'conflict',
  not_verified: 'conflict',
  invalid: 'invalid',
};

/** A failing field, for the 400 problem details. `path` is relative to the command's data. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export interface ContributorRuleViolationDetails {
  /** The contributor's verification status when the rule that failed depends on it. */
  readonly status?: VerificationStatus;
  readonly issues?: readonly ValidationIssue[];
}

export class ContributorRuleViolation extends Error {
  readonly kind: ContributorErrorKind;
  readonly status: VerificationStatus | undefined;
  readonly issues: readonly ValidationIssue[];

  constructor(
    readonly code: ContributorErrorCode,
    message: string,
    details: ContributorRuleViolationDetails = {},
  ) {
    super(message);
    this.name = 'ContributorRuleViolation';
    this.kind = CONTRIBUTOR_ERROR_KIND[code];
    this.status = details.status;
    this.issues = details.issues ?? [];
  }
}
