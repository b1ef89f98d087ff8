import { createHash } from 'node:crypto';
import canonicalizeExport from 'canonicalize';
import type { ArticleContent } from './content.js';

type Canonicalize = (input: unknown) => string | undefined;

/**
 * canonicalize is CommonJS typed as `export default`: under NodeNext the default import is
 * `module.exports` (the function itself at runtime) while TypeScript sees `{ default }`.
 * Resolve whichever shape arrives and fail at load time rather than on the first hash.
 */
const canonicalize: Canonicalize = (() => {
  const imported: unknown = canonicalizeExport;
  const candidate = typeof imported === 'function' ? imported : (imported as { readonly default?: unknown } | null)?.default;
  if (typeof candidate !== 'function') throw new Error('canonicalize did not export a function');
  return candidate as Canonicalize;
})();

/** RFC 8785 canonical JSON: the same value always gives the same text, whatever its key order. */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('Value has no JSON representation');
  return json;
}

/**
 * SHA-256 (lowercase hex) of the canonical JSON of the content. Verification binds to it, so
 * it must not depend on key order or on optional fields that are present but undefined.
 * Text is hashed as sent: Unicode that differs in code points is different content.
 */
export function contentHash(content: ArticleContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
