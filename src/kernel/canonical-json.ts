import canonicalizeExport from 'canonicalize';

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
