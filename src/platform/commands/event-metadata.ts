import type { Message } from '../../kernel/decider.js';
import type { EventData, JsonValue, RecordedEvent } from '../event-store/event-store.port.js';
import type { CommandEnvelope } from './command-envelope.js';

/**
 * What every event's metadata carries (DESIGN.md "Events"); `$`-names are EventStoreDB's own.
 * `previousHash` and `hash` link the event into its stream's hash chain (src/audit/hash-chain.ts);
 * they are added when the events are sealed for appending, after everything else is known.
 */
export interface EventMetadata {
  readonly actor: { readonly id: string; readonly roles: readonly string[]; readonly displayName: string };
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly commandId: string;
  readonly commandType: string;
  readonly occurredAt: string;
  readonly schemaVersion: number;
  readonly idempotencyKey?: string;
  readonly requestHash: string;
  readonly previousHash: string;
  readonly hash: string;
}

/** The metadata an event is given before it is sealed into the chain. */
export type UnsealedEventMetadata = Omit<EventMetadata, 'previousHash' | 'hash'>;

export function buildEventMetadata(envelope: CommandEnvelope, commandType: string, occurredAt: Date, schemaVersion: number): JsonValue {
  const metadata: UnsealedEventMetadata = {
    actor: { id: envelope.actor.id, roles: [...envelope.actor.roles], displayName: envelope.actor.displayName },
    $correlationId: envelope.correlationId,
    $causationId: envelope.causationId,
    commandId: envelope.commandId,
    commandType,
    occurredAt: occurredAt.toISOString(),
    schemaVersion,
    ...(envelope.idempotencyKey === undefined ? {} : { idempotencyKey: envelope.idempotencyKey }),
    requestHash: envelope.requestHash,
  };
  return metadata as unknown as JsonValue;
}

export function readEventMetadata(event: RecordedEvent): Partial<EventMetadata> {
  const metadata = event.metadata;
  return metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {};
}

/** The shape events are stored in: the domain event's data as JSON, its type as the event type. */
export function toEventData(event: Message, id: string, metadata: JsonValue): EventData {
  return { id, type: event.type, data: event.data as JsonValue, metadata };
}
