export { configureHttp } from './configure-http.js';
export { isJsonMediaType, requireJsonBody } from './json-body.middleware.js';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  type ProblemDetails,
  ProblemException,
  type ProblemInit,
  problemType,
} from './problem.js';
export { ProblemDetailsFilter } from './problem-details.filter.js';
export { type MappedProblem, slugForStatus, toProblem } from './problem-mapping.js';
export { createValidationPipe, type FieldError, flattenValidationErrors, validationProblem } from './validation.js';
export { OPENAPI_BEARER_SCHEME, type OpenApiOptions, setupOpenApi } from './openapi.js';
