import type { EventStore, RecordedEvent } from '../../platform/event-store/event-store.port.js';
import type { CommandStream } from '../../platform/commands/command-stream.js';
import { idFromStream, streamNameOf } from '../../kernel/streams.js';
import { domainEventReader, readStreamOrEmpty } from '../../platform/commands/streams.js';
import type { ContributorCommand } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { CONTRIBUTOR_EVENT_SCHEMA_VERSION, type ContributorEvent, isContributorEventType } from '../domain/events.js';
import { evolve } from '../domain/evolve.js';
import type { ContributorState } from '../domain/state.js';

export const CONTRIBUTOR_CATEGORY = 'contributor';

/** `contributor-<principal id>`: the id an article records as its author. */
export function contributorStreamName(contributorId: string): string {
  return streamNameOf(CONTRIBUTOR_CATEGORY, contributorId);
}

export function contributorIdFromStream(streamId: string): string | undefined {
  return idFromStream(CONTRIBUTOR_CATEGORY, streamId);
}

export const toContributorEvent: (recorded: RecordedEvent) => ContributorEvent =
  domainEventReader<ContributorEvent>(isContributorEventType);

/** Every event of a contributor's stream, oldest first; empty when there is no profile yet. */
export function readContributorStream(store: EventStore, contributorId: string): Promise<RecordedEvent[]> {
  return readStreamOrEmpty(store, contributorStreamName(contributorId));
}

/** The contributor's decider on `contributor-<id>` streams, as the command executor runs it. */
export const CONTRIBUTOR_STREAM: CommandStream<ContributorState, ContributorCommand, ContributorEvent> = {
  category: CONTRIBUTOR_CATEGORY,
  decide,
  evolve,
  schemaVersions: CONTRIBUTOR_EVENT_SCHEMA_VERSION,
  toEvent: toContributorEvent,
};
