import type { Actor } from '../domain/actor.js';
import type { ArticleErrorCode } from '../domain/errors.js';

/** A command the decider refused for authorization (kind 'forbidden': role, ownership, four eyes). */
export interface DeniedCommand {
  readonly articleId: string;
  readonly commandType: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  readonly code: ArticleErrorCode;
  readonly reason: string;
  readonly at: Date;
}

/**
 * Where refused attempts are written for auditors. The article context owns this port and the
 * audit context implements it (src/audit/denials), so articles never depend on audit.
 */
export interface DeniedCommandLog {
  record(denied: DeniedCommand): Promise<void>;
}

export const DENIED_COMMAND_LOG = Symbol('DeniedCommandLog');
