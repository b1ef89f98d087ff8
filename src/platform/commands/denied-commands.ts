import type { Actor } from '../../kernel/identity.js';

/** A command a decider refused for authorization (kind 'forbidden': role, ownership, four eyes). */
export interface DeniedCommand {
  /** The stream the command was meant for, e.g. `article-<id>` or `contributor-<id>`. */
  readonly streamId: string;
  readonly commandType: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  /** The context's refusal code, e.g. `four_eyes`. */
  readonly code: string;
  readonly reason: string;
  readonly at: Date;
}

/**
 * Where refused attempts are written for auditors. The command side owns this port and the
 * audit context implements it (src/audit/denials), so no context depends on audit.
 */
export interface DeniedCommandLog {
  record(denied: DeniedCommand): Promise<void>;
}

export const DENIED_COMMAND_LOG = Symbol('DeniedCommandLog');
