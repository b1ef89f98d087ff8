import type { Role } from '../../kernel/identity.js';

/**
 * Who may read an article's history, past states, diffs and proofs: auditors and editors
 * (issue 4), and admins, who DESIGN.md lets read every article and its history anyway.
 * Writers are left out even for their own articles: the history names other people's actions.
 */
export const AUDIT_READERS: [Role, ...Role[]] = ['auditor', 'editor', 'admin'];
