import type { CommandStream } from '../../platform/commands/command-stream.js';
import type { EventStore, RecordedEvent } from '../../platform/event-store/event-store.port.js';
import { readStreamOrEmpty } from '../../platform/event-store/read-stream.js';
import type { ContributorCommand } from '../model/commands.js';
import { decide } from '../model/decide.js';
import { CONTRIBUTOR_EVENTS, type ContributorEvent } from '../model/events.js';
import { evolve } from '../model/evolve.js';
import type { ContributorState } from '../model/state.js';

/** Every event of a contributor's stream (`contributor-<principal id>`), oldest first; empty when there is no profile yet. */
export function readContributorStream(store: EventStore, contributorId: string): Promise<RecordedEvent[]> {
  return readStreamOrEmpty(store, CONTRIBUTOR_EVENTS.streamName(contributorId));
}

/** The contributor's decider on `contributor-<id>` streams, as the command runner runs it. */
export const CONTRIBUTOR_STREAM: CommandStream<ContributorState, ContributorCommand, ContributorEvent> = {
  events: CONTRIBUTOR_EVENTS,
  decide,
  evolve,
};
