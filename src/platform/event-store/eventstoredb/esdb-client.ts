// @eventstore/db-client is CommonJS. Binding its module.exports through a default import
// behaves the same under Node's ESM loader and Jest's native ESM mode; named imports would
// depend on each loader's export sniffing of the compiled `__exportStar` chains.
import esdb, { type ResolvedEvent } from '@eventstore/db-client';

export const {
  EventStoreDBClient,
  ErrorType,
  isCommandError,
  convertToCommandError,
  streamNameFilter,
  eventTypeFilter,
  ANY,
  NO_STREAM,
  START,
  END,
  FORWARDS,
  BACKWARDS,
} = esdb;

export type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  CommandError,
  EventData as EsdbEventData,
  EventType as EsdbEventType,
  Filter as EsdbFilter,
  Position as EsdbPosition,
  ResolvedEvent,
  StreamMetadata as EsdbStreamMetadata,
} from '@eventstore/db-client';

export type EsdbClient = InstanceType<typeof EventStoreDBClient>;
export type EsdbRecordedEvent = NonNullable<ResolvedEvent['event']>;
