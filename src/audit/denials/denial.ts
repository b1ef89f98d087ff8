import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import type { Role } from '../../kernel/identity.js';
import type { RecordedEvent } from '../../platform/event-store/event-store.port.js';
import { DENIAL_EVENTS } from '../../platform/commands/denied-commands.js';

export { DENIALS_STREAM } from '../../platform/commands/denied-commands.js';

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
  const { data } = DENIAL_EVENTS.event(event);
  const metadata = event.metadata as { $correlationId?: unknown } | undefined;
  const { streamId } = data;
  const articleId = ARTICLE_EVENTS.idFromStream(streamId);
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
