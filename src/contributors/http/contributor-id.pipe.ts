import { Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '../../platform/http/problem.js';
import { contributorIdIssues } from '../domain/profile-rules.js';

/**
 * The `{id}` of a contributor route: a principal id, as the keys file allows it. Checked at the
 * edge so a malformed id is a 400 on every route, reads included, and never names a stream.
 */
@Injectable()
export class ContributorIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const issues = contributorIdIssues(value);
    if (issues.length === 0) return value;
    throw new ProblemException({
      status: 400,
      type: 'validation-failed',
      title: 'Invalid request',
      detail: `Invalid contributor id: ${issues.map((issue) => issue.message).join('; ')}.`,
      extensions: { errors: [{ field: 'id', messages: issues.map((issue) => issue.message) }] },
    });
  }
}
