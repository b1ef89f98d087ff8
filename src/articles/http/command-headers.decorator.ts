import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse } from '@nestjs/swagger';

/** OpenAPI for the headers and answers every article command shares. */
export function ArticleCommandDocs(): MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag (stream revision) the change is based on; stale → 412' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key, same request → same answer, written once' }),
    ApiResponse({ status: 400, description: 'Invalid input (problem+json with the failing fields)' }),
    ApiResponse({ status: 403, description: 'Role, ownership or four-eyes rule' }),
    ApiResponse({ status: 404, description: 'No such article' }),
    ApiResponse({ status: 409, description: 'Illegal transition (the current status is in the problem) or conflict' }),
    ApiResponse({ status: 412, description: 'Stale If-Match' }),
  );
}
