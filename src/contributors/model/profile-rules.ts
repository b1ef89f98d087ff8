import type { ValidationIssue } from './errors.js';
import { CONTRIBUTOR_LIMITS } from './rules.js';

export interface Profile {
  readonly displayName: string;
  readonly bio: string;
  readonly publicContact: string | null;
}

// Names and contacts are shown on one line of the byline; a bio may have paragraphs.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** Any control character but \n (a character that is not a non-control, and not \n). */
const CONTROL_BUT_NEWLINE = /[^\P{Cc}\n]/u;

/** Characters as a reader counts them: an emoji is one, not two UTF-16 units. */
export function characters(text: string): number {
  return [...text].length;
}

/**
 * The profile as it will be recorded: trimmed, line endings as \n, a blank contact as none.
 * Normalising first means an edit that only adds trailing spaces is no change at all.
 */
export function normalizeProfile(profile: Profile): Profile {
  const contact = profile.publicContact?.trim() ?? '';
  return {
    displayName: profile.displayName.trim(),
    bio: profile.bio.replace(/\r\n?/g, '\n').trim(),
    publicContact: contact === '' ? null : contact,
  };
}

export function profileIssues(profile: Profile): ValidationIssue[] {
  const { displayName, bio, publicContact } = profile;
  return [
    ...singleLineIssues('displayName', displayName, CONTRIBUTOR_LIMITS.displayName),
    ...(characters(bio) > CONTRIBUTOR_LIMITS.bio ? [{ path: 'bio', message: `At most ${CONTRIBUTOR_LIMITS.bio} characters` }] : []),
    ...(CONTROL_BUT_NEWLINE.test(bio) ? [{ path: 'bio', message: 'Control characters are not allowed' }] : []),
    ...(publicContact === null ? [] : singleLineIssues('publicContact', publicContact, CONTRIBUTOR_LIMITS.publicContact)),
  ];
}

/**
 * A principal id, as the keys file bounds it (trimmed, 1 to 200), and printable: it names a
 * stream and travels in URLs and bylines.
 */
export function contributorIdIssues(contributorId: string): ValidationIssue[] {
  const issues = singleLineIssues('contributorId', contributorId, CONTRIBUTOR_LIMITS.contributorId);
  if (issues.length > 0 || contributorId.trim() === contributorId) return issues;
  return [{ path: 'contributorId', message: 'No leading or trailing spaces' }];
}

/** A required one-line text. */
function singleLineIssues(path: string, text: string, max: number): ValidationIssue[] {
  if (text.trim() === '') return [{ path, message: 'Required' }];
  return [
    ...(characters(text) > max ? [{ path, message: `At most ${max} characters` }] : []),
    ...(CONTROL.test(text) ? [{ path, message: 'Must be one line without control characters' }] : []),
  ];
}
