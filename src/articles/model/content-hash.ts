import { createHash } from 'node:crypto';
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { ArticleContent } from './content.js';

/**
 * SHA-256 (lowercase hex) of the canonical JSON of the content. Verification binds to it, so
 * it must not depend on key order or on optional fields that are present but undefined.
 * Text is hashed as sent: Unicode that differs in code points is different content.
 */
export function contentHash(content: ArticleContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
