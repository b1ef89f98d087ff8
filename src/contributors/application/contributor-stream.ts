import type { EventData, EventStore, JsonValue, RecordedEvent } from '../../event-store/event-store.port.js';
import { StreamNotFoundError } from '../../event-store/errors.js';
import { type ContributorEvent, isContributorEventType } from '../domain/events.js';

export const CONTRIBUTOR_CATEGORY = 'contributor';

/** `contributor-<principal id>`: the id an article records as its author. */
export function contributorStreamName(contributorId: string): string {
  return `${CONTRIBUTOR_CATEGORY}-${contributorId}`;
}

export function contributorIdFromStream(streamId: string): string | undefined {
  const prefix = `${CONTRIBUTOR_CATEGORY}-`;
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined;
}

/** Stored as the domain event's data as JSON, with the event's type as the stored type. */
export function toContributorEvent(recorded: RecordedEvent): ContributorEvent {
  if (!isContributorEventType(recorded.type)) {
    throw new Error(`Stream ${recorded.streamId} holds an unknown event type ${recorded.type} at ${String(recorded.revision)}`);
  }
  return { type: recorded.type, data: recorded.data } as unknown as ContributorEvent;
}

export function toEventData(event: ContributorEvent, id: string, metadata: JsonValue): EventData {
  return { id, type: event.type, data: event.data as unknown as JsonValue, metadata };
}

/** Every event of a contributor's stream, oldest first; empty when there is no profile yet. */
export async function readContributorStream(store: EventStore, contributorId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(contributorStreamName(contributorId));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
