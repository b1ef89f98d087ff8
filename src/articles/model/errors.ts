import {
  DomainRuleViolation,
  type RuleViolationDetails,
  type RuleViolationKind,
  type ValidationIssue,
} from '../../kernel/rule-violation.js';
import type { ArticleStatus } from './state.js';

/** Every way the article decider can refuse a command. Closed: the shell maps each one. */
export type ArticleErrorCode =
  | 'not_found'
  | 'already_exists'
  | 'forbidden'
  | 'not_owner'
  | 'four_eyes'
  | 'illegal_transition'
  | 'not_verified'
  | 'changed_since_verification'
  | 'not_due'
  | 'invalid'
  | 'related_not_found'
  | 'related_self'
  | 'related_duplicate'
  | 'related_limit'
  | 'related_not_linked';

/** not_found → 404, forbidden → 403, conflict → 409, invalid → 400. */
export type ArticleErrorKind = RuleViolationKind;

/**
 * One kind per code, so the HTTP mapping never has to guess. Two choices worth knowing:
 * a missing *target* of a link is `invalid` (a bad field in the body), so 404 always means the
 * resource named by the URL; an unlink of an article that is not linked is `not_found` because
 * the link is the resource named by DELETE /related/{relatedId}.
 */
export const ARTICLE_ERROR_KIND: Readonly<Record<ArticleErrorCode, ArticleErrorKind>> = {
  not_found: 'not_found',
  already_exists: 'conflict',
  forbidden: 'forbidden',
  not_owner: 'forbidden',
  four_eyes: 'forbidden',
  illegal_transition: 'conflict',
  not_verified: 'conflict',
  changed_since_verification: 'conflict',
  not_due: 'conflict',
  invalid: 'invalid',
  related_not_found: 'invalid',
  related_self: 'invalid',
  related_duplicate: 'conflict',
  related_limit: 'conflict',
  related_not_linked: 'not_found',
};

export type { ValidationIssue };

export type ArticleRuleViolationDetails = RuleViolationDetails<ArticleStatus>;

export class ArticleRuleViolation extends DomainRuleViolation<ArticleErrorCode, ArticleStatus> {
  constructor(code: ArticleErrorCode, message: string, details: ArticleRuleViolationDetails = {}) {
    super(code, ARTICLE_ERROR_KIND[code], message, details);
  }
}
