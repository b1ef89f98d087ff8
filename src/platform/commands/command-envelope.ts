import type { Actor } from '../../kernel/identity.js';

/**
 * Everything about a command that is not the command itself: who sent it, how it is
 * correlated, and the optimistic-concurrency and idempotency promises the client asked for.
 */
export interface CommandEnvelope {
  readonly actor: Actor;
  /** Deterministic when the client sent an Idempotency-Key, random otherwise. */
  readonly commandId: string;
  readonly correlationId: string;
  /** The message that caused this one (a request id, or the event that triggered the scheduler). */
  readonly causationId: string;
  readonly idempotencyKey?: string;
  /** Fingerprint of the request (method, path, body); a key reused with another request is refused. */
  readonly requestHash: string;
  /** From If-Match: the stream revision the client last saw. */
  readonly expectedRevision?: bigint;
}
