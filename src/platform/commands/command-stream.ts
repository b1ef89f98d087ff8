import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { Decider, Message } from '../../kernel/decider.js';

/**
 * A context's decider bound to its streams: what StreamCommandExecutor needs to run the
 * context's commands. One constant per context (ARTICLE_STREAM, CONTRIBUTOR_STREAM).
 */
export interface CommandStream<State, Command extends Message, Event extends Message> extends Decider<State, Command, Event> {
  /** Streams are `<category>-<id>`; the category also names the resource in errors ("Article <id>"). */
  readonly category: string;
  /** Written into every event's metadata; bump a type's version when its data shape changes. */
  readonly schemaVersions: Readonly<Record<Event['type'], number>>;
  /** A stored event as the context's domain event. */
  toEvent(recorded: RecordedEvent): Event;
}
