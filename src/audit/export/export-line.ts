import type { JsonValue, RecordedEvent } from '../../platform/event-store/event-store.port.js';
import type { ChainableEvent } from '../../kernel/hash-chain.js';

/**
 * One line of a history export: the stored event, metadata (with its hashes) included,
 * exactly as the chain covers it. `position` and `recordedAt` are for reading only: the hash
 * does not cover them (see hash-chain.ts).
 */
export interface ExportLine {
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: JsonValue;
  readonly metadata: JsonValue;
}

export function toExportLine(recorded: RecordedEvent): ExportLine {
  if (recorded.data instanceof Uint8Array) throw new TypeError(`Event ${recorded.id} is binary and cannot be exported as JSON`);
  return {
    streamId: recorded.streamId,
    revision: Number(recorded.revision),
    position: String(recorded.position.commit),
    eventId: recorded.id,
    type: recorded.type,
    recordedAt: recorded.created.toISOString(),
    data: recorded.data,
    metadata: recorded.metadata ?? null,
  };
}

export function chainableOf(line: ExportLine): ChainableEvent {
  return { streamId: line.streamId, revision: line.revision, id: line.eventId, type: line.type, data: line.data, metadata: line.metadata };
}
