import { articleIdFromStream, articleStreamName } from '../../articles/application/article-stream.js';
import type { Role } from '../../kernel/identity.js';
import type { RecordedEvent } from '../../platform/event-store/event-store.port.js';

/**
 * One stream for every refused attempt, of every context. Its category is `audit`, so
 * category readers (projections, the scheduler, the feed) never see it; it is hash-chained.
 */
export const DENIALS_STREAM = 'audit-denials';
export const COMMAND_DENIED = 'CommandDenied';
/** 1: article commands only, named by `articleId`; 2: any command, named by `streamId`. */
export const COMMAND_DENIED_SCHEMA_VERSION = 2;

/** The data of a CommandDenied event; metadata carries the usual actor, correlation and chain. */
export interface CommandDeniedData {
  /** The stream the command was meant for, e.g. `article-<id>` or `contributor-<id>` (version 2). */
  readonly streamId?: string;
  /** Version 1 only: the article the command was meant for. */
  readonly articleId?: string;
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

/** A denial as GET /v1/audit/denials lists it. */
export interface DenialView {
  /** Revision in the denial stream; pass it as `before` to page on. */
  readonly revision: number;
  readonly at: string;
  readonly actor: { readonly id: string; readonly displayName: string; readonly roles: readonly Role[] };
  readonly commandType: string;
  /** The stream the command was meant for, e.g. `article-<id>` or `contributor-<id>`. */
  readonly streamId: string;
  /** When that stream is an article's. */
  readonly articleId?: string;
  readonly code: string;
  readonly reason: string;
  readonly commandId: string;
  readonly correlationId: string | null;
}

export function toDenialView(event: RecordedEvent): DenialView {
  const data = event.data as unknown as CommandDeniedData;
  const metadata = event.metadata as { $correlationId?: unknown } | undefined;
  // Version 1 named only the article.
  const streamId = data.streamId ?? articleStreamName(data.articleId ?? '');
  const articleId = articleIdFromStream(streamId);
  return {
    revision: Number(event.revision),
    at: data.at,
    actor: { id: data.actorId, displayName: data.actorName, roles: data.actorRoles },
    commandType: data.commandType,
    streamId,
    ...(articleId === undefined ? {} : { articleId }),
    code: data.code,
    reason: data.reason,
    commandId: data.commandId,
    correlationId: typeof metadata?.$correlationId === 'string' ? metadata.$correlationId : null,
  };
}
