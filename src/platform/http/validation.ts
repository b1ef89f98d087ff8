import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ProblemException } from './problem.js';

export interface FieldError {
  /** Path from the validated object, e.g. `body[2].text`; empty for the object itself. */
  readonly field: string;
  readonly messages: readonly string[];
}

function join(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

/** class-validator's error tree as one entry per failing field, in document order. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = error.property === undefined || error.property === '' ? parent : join(parent, error.property);
    const messages = Object.values(error.constraints ?? {});
    const own = messages.length > 0 ? [{ field, messages }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  const fieldErrors = flattenValidationErrors(errors);
  const fields = [...new Set(fieldErrors.map((e) => e.field || '(body)'))];
  return new ProblemException({
    status: 400,
    type: 'validation-failed',
    title: 'Invalid request',
    detail: `Invalid value${fields.length === 1 ? '' : 's'} for ${fields.join(', ')}.`,
    extensions: { errors: fieldErrors },
  });
}

/**
 * The one ValidationPipe for DTOs: unknown properties are an error (a misspelt field
 * must not be silently dropped), payloads become DTO instances, and failures are
 * problems that name every failing field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
