import { StreamNotFoundError } from './errors.js';
import type { EventStore, ReadStreamOptions, RecordedEvent } from './event-store.port.js';

/** Every event of a stream, oldest first; empty when the stream does not exist (yet). */
export async function readStreamOrEmpty(store: EventStore, streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId, options);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
