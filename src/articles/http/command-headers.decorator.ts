import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { CommandDocs } from '../../platform/commands/http/command-docs.decorator.js';

/** OpenAPI for the headers and answers every article command shares. */
export function ArticleCommandDocs(): MethodDecorator {
  return applyDecorators(
    CommandDocs(),
    ApiResponse({ status: 403, description: 'Role, ownership or four-eyes rule' }),
    ApiResponse({ status: 404, description: 'No such article' }),
    ApiResponse({ status: 409, description: 'Illegal transition (the current status is in the problem) or conflict' }),
  );
}
