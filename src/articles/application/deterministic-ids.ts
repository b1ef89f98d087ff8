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

export function eventIdFor(commandId: string, index: number): string {
  return uuidv5(`event\n${commandId}\n${index}`, REDAKSI_NAMESPACE);
}

/** A draft created with an Idempotency-Key gets the same article id on every retry. */
export function articleIdFor(commandId: string): string {
  return uuidv5(`article\n${commandId}`, REDAKSI_NAMESPACE);
}

export function nameBasedId(...parts: readonly string[]): string {
  return uuidv5(parts.join('\n'), REDAKSI_NAMESPACE);
}
