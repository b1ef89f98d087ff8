import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiResponse } from '@nestjs/swagger';

export function ContributorIdParam(): MethodDecorator {
  return ApiParam({ name: 'id', description: "The writer's principal id (an article's authorId)", example: 'writer-dimas' });
}

/** OpenAPI for the headers and answers every contributor command shares. */
export function ContributorCommandDocs(): MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ContributorIdParam(),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag (stream revision) the change is based on; stale → 412' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key, same request → same answer, written once' }),
    ApiResponse({ status: 400, description: 'Invalid input (problem+json with the failing fields)' }),
    ApiResponse({ status: 403, description: 'Role, ownership, the desk-owned community flag, or four eyes' }),
    ApiResponse({ status: 404, description: 'No profile for this contributor' }),
    ApiResponse({ status: 409, description: 'Conflict with the verification status (named in the problem)' }),
    ApiResponse({ status: 412, description: 'Stale If-Match' }),
  );
}
