import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { NINJS_2_RULES } from './ninjs-2-rules.js';

// Strict mode: a keyword the validator does not know is an error in the rules, not ignored. Only
// the check that a required property is declared beside `required` is off: `uri` and `name`
// are declared in the news object the schema refers to, which that check does not follow.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv, ['uri', 'date-time']);
const validate = ajv.compile(NINJS_2_RULES);

/** Every way a document breaks the ninjs 2.x rules, as `<path> <message>`; empty when it follows them. */
export function ninjsProblems(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => {
    const detail = 'unevaluatedProperty' in error.params ? ` (${String(error.params.unevaluatedProperty)})` : '';
    return `${error.instancePath || '/'} ${error.message ?? error.keyword}${detail}`;
  });
}
