import { isRawObject, type RawMetadataValue, truncateBeforeOf } from '../stream-metadata.js';

/** The limits that hide events from stream reads; undefined where metadata sets none. */
export interface ReadLimits {
  readonly truncateBefore?: bigint;
  readonly maxCount?: number;
  readonly maxAgeSeconds?: number;
}

export function readLimitsOf(raw: RawMetadataValue | undefined): ReadLimits {
  if (!isRawObject(raw)) return {};
  const { $tb: tb, $maxCount: maxCount, $maxAge: maxAge } = raw;
  const truncateBefore = truncateBeforeOf(tb);
  return {
    ...(truncateBefore !== undefined ? { truncateBefore } : {}),
    ...(typeof maxCount === 'number' && maxCount > 0 ? { maxCount } : {}),
    ...(typeof maxAge === 'number' && maxAge > 0 ? { maxAgeSeconds: maxAge } : {}),
  };
}
