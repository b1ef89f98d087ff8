import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidFields } from '../../kernel/refusal.js';
import { contributorIdIssues } from '../model/profile-rules.js';

/**
 * The `{id}` of a contributor route: a principal id, as the keys file allows it. Checked at the
 * edge so a malformed id is a 400 on every route, reads included, and never names a stream.
 */
@Injectable()
export class ContributorIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const issues = contributorIdIssues(value);
    if (issues.length === 0) return value;
    throw invalidFields(
      issues.map((issue) => ({ path: 'id', message: issue.message })),
      `Invalid contributor id: ${issues.map((issue) => issue.message).join('; ')}.`,
    );
  }
}
