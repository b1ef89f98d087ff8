import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiResponse } from '@nestjs/swagger';
import { CommandDocs } from '../../platform/commands/http/command-docs.decorator.js';

export function ContributorIdParam(): MethodDecorator {
  return ApiParam({ name: 'id', description: "The writer's principal id (an article's authorId)", example: 'writer-dimas' });
}

/** OpenAPI for the headers and answers every contributor command shares. */
export function ContributorCommandDocs(): MethodDecorator {
  return applyDecorators(
    CommandDocs(),
    ContributorIdParam(),
    ApiResponse({ status: 403, description: 'Role, ownership, the desk-owned community flag, or four eyes' }),
    ApiResponse({ status: 404, description: 'No profile for this contributor' }),
    ApiResponse({ status: 409, description: 'Conflict with the verification status (named in the problem)' }),
  );
}
