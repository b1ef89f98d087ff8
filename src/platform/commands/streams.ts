import type { EventData, EventStore, JsonValue, ReadStreamOptions, RecordedEvent } from '../event-store/event-store.port.js';
import { StreamNotFoundError } from '../event-store/errors.js';
import type { Message } from '../../kernel/decider.js';

/** Every event of a stream, oldest first; empty when the stream does not exist (yet). */
export async function readStreamOrEmpty(store: EventStore, streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId, options);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/** The shape events are stored in: the domain event's data as JSON, its type as the event type. */
export function toEventData(event: Message, id: string, metadata: JsonValue): EventData {
  return { id, type: event.type, data: event.data as JsonValue, metadata };
}

/** Reads stored events back as a context's domain events, refusing types the context does not know. */
export function domainEventReader<Event extends Message>(
  isEventType: (type: string) => type is Event['type'],
): (recorded: RecordedEvent) => Event {
  return (recorded) => {
    if (!isEventType(recorded.type)) {
      throw new Error(`Stream ${recorded.streamId} holds an unknown event type ${recorded.type} at ${String(recorded.revision)}`);
    }
    return { type: recorded.type, data: recorded.data } as unknown as Event;
  };
}
