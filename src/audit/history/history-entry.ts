import type { RecordedEvent } from '../../platform/event-store/event-store.port.js';
import { readEventMetadata } from '../../platform/commands/event-metadata.js';
import { occurredAtOf } from '../article-trail.js';

/** One event as the history lists it. Ids the event lacks (older events) are null, never invented. */
export interface HistoryEntry {
  readonly revision: number;
  /** Global position (commit) as a decimal string: EventStoreDB positions are 64-bit. */
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  /** When the command was decided (metadata.occurredAt). */
  readonly occurredAt: string;
  /** When the store wrote it. */
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly displayName: string; readonly roles: readonly string[] } | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly commandId: string | null;
  readonly commandType: string | null;
  readonly schemaVersion: number | null;
  readonly summary: string;
  readonly hash: string | null;
  readonly previousHash: string | null;
}

export function toHistoryEntry(recorded: RecordedEvent, summary: string): HistoryEntry {
  const metadata = readEventMetadata(recorded);
  return {
    revision: Number(recorded.revision),
    position: String(recorded.position.commit),
    eventId: recorded.id,
    type: recorded.type,
    occurredAt: occurredAtOf(recorded),
    recordedAt: recorded.created.toISOString(),
    actor:
      metadata.actor === undefined ? null : { id: metadata.actor.id, displayName: metadata.actor.displayName, roles: metadata.actor.roles },
    correlationId: metadata.$correlationId ?? null,
    causationId: metadata.$causationId ?? null,
    commandId: metadata.commandId ?? null,
    commandType: metadata.commandType ?? null,
    schemaVersion: metadata.schemaVersion ?? null,
    summary,
    hash: metadata.hash ?? null,
    previousHash: metadata.previousHash ?? null,
  };
}
