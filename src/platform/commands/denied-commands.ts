import { StreamDecoder } from '../../kernel/event-decoder.js';
import type { Actor, Role } from '../../kernel/identity.js';

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
 * Where refused attempts are written for auditors (denial-log.ts writes them into the log; tests
 * pass their own). The audit context reads them back.
 */
export interface DeniedCommandLog {
  record(denied: DeniedCommand): Promise<void>;
}

export const DENIED_COMMAND_LOG = Symbol('DeniedCommandLog');

/**
 * One stream for every refused attempt, of every context. Its category is `audit`, so
 * category readers (projections, the scheduler, the feed) never see it; it is hash-chained.
 */
export const DENIALS_STREAM = 'audit-denials';
export const COMMAND_DENIED = 'CommandDenied';

/** The data of a CommandDenied event; metadata carries the usual actor, correlation and chain. */
export interface CommandDeniedData {
  /** The stream the command was meant for, e.g. `article-<id>` or `contributor-<id>`. */
  readonly streamId: string;
  readonly commandType: string;
  readonly commandId: string;
  /** The context's refusal, e.g. forbidden (role), not_owner, four_eyes, community_set_by_desk. */
  readonly code: string;
  readonly reason: string;
  readonly actorId: string;
  readonly actorName: string;
  readonly actorRoles: readonly Role[];
  readonly at: string;
}

export interface CommandDenied {
  readonly type: typeof COMMAND_DENIED;
  readonly data: CommandDeniedData;
}

/**
 * The one decoder of the denial stream. Version 1 recorded article commands only and named the
 * article (`articleId`); version 2 names the stream, of any context.
 */
export const DENIAL_EVENTS = new StreamDecoder<'audit', CommandDenied>('audit', {
  CommandDenied: {
    version: 2,
    upcasts: {
      1: ({ articleId, ...rest }) => ({ ...rest, streamId: `article-${typeof articleId === 'string' ? articleId : ''}` }),
    },
  },
});
