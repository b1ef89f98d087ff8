import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace for Redaksi's name-based (v5) UUIDs. Changing it would break idempotent retries. */
const REDAKSI_NAMESPACE = '6f1d7a52-4b7e-4a43-9a66-0c3f2d9b8e11';

/**
 * A retried command must never write twice: with an Idempotency-Key the command id is derived
 * from the caller and the key, and every event id from the command id, so the store's
 * idempotent append recognises the retry.
 */
export function commandIdFor(principalId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey === undefined ? randomUUID() : uuidv5(`command\n${principalId}\n${idempotencyKey}`, REDAKSI_NAMESPACE);
}

/**
 * The stream is part of the name: the command id comes from the caller and their key, so a
 * client reusing a key on two resources would otherwise put the same event id into two
 * streams, and a reader that deduplicates by event id would drop one of them.
 */
export function eventIdFor(streamId: string, commandId: string, index: number): string {
  return nameBasedId('event', streamId, commandId, String(index));
}

export function nameBasedId(...parts: readonly string[]): string {
  return uuidv5(parts.join('\n'), REDAKSI_NAMESPACE);
}
