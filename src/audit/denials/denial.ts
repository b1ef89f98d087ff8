import type { Role } from '../../articles/domain/actor.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';

/**
 * One stream for every refused attempt. Its category is `audit`, so article-category readers
 * (projections, the scheduler, the feed) never see it; it is hash-chained like an article.
 */
export const DENIALS_STREAM = 'audit-denials';
export const COMMAND_DENIED = 'CommandDenied';

/** The data of a CommandDenied event; metadata carries the usual actor, correlation and chain. */
export interface CommandDeniedData {
  readonly articleId: string;
  readonly commandType: string;
  readonly commandId: string;
  /** The domain's refusal: forbidden (role), not_owner or four_eyes. */
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
  readonly articleId: string;
  readonly code: string;
  readonly reason: string;
  readonly commandId: string;
  readonly correlationId: string | null;
}

export function toDenialView(event: RecordedEvent): DenialView {
  const data = event.data as unknown as CommandDeniedData;
  const metadata = event.metadata as { $correlationId?: unknown } | undefined;
  return {
    revision: Number(event.revision),
    at: data.at,
    actor: { id: data.actorId, displayName: data.actorName, roles: data.actorRoles },
    commandType: data.commandType,
    articleId: data.articleId,
    code: data.code,
    reason: data.reason,
    commandId: data.commandId,
    correlationId: typeof metadata?.$correlationId === 'string' ? metadata.$correlationId : null,
  };
}
