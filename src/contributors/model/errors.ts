import {
  DomainRuleViolation,
  type RuleViolationDetails,
  type RuleViolationKind,
  type ValidationIssue,
} from '../../kernel/rule-violation.js';
import type { VerificationStatus } from './state.js';

/** Every way the contributor decider can refuse a command. Closed: the shell maps each one. */
export type ContributorErrorCode =
  'not_found' | 'forbidden' | 'not_owner' | 'four_eyes' | 'community_set_by_desk' | 'already_verified' | 'not_verified' | 'invalid';

/** not_found → 404, forbidden → 403, conflict → 409, invalid → 400 (as for articles). */
export type ContributorErrorKind = RuleViolationKind;

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

export type { ValidationIssue };

export type ContributorRuleViolationDetails = RuleViolationDetails<VerificationStatus>;

export class ContributorRuleViolation extends DomainRuleViolation<ContributorErrorCode, VerificationStatus> {
  constructor(code: ContributorErrorCode, message: string, details: ContributorRuleViolationDetails = {}) {
    super(code, CONTRIBUTOR_ERROR_KIND[code], message, details);
  }
}
