import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse } from '@nestjs/swagger';

/**
 * OpenAPI for what every command endpoint shares (the command context's headers, 400, 412, 422);
 * each context adds how its own rules answer (403, 404, 409).
 */
export function CommandDocs(): MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag (stream revision) the change is based on; stale → 412' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key, same request → same answer, written once' }),
    ApiResponse({ status: 400, description: 'Invalid input (problem+json with the failing fields)' }),
    ApiResponse({ status: 412, description: 'Stale If-Match' }),
    ApiResponse({ status: 422, description: 'Idempotency-Key already used for a different request' }),
  );
}
