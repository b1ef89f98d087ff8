import type { Decider, Message } from '../../kernel/decider.js';
import type { StreamDecoder } from '../../kernel/event-decoder.js';

/**
 * A context's decider bound to its streams: what the command runner needs to run the context's
 * commands. One constant per context (ARTICLE_STREAM, CONTRIBUTOR_STREAM).
 */
export interface CommandStream<State, Command extends Message, Event extends Message> extends Decider<State, Command, Event> {
  /**
   * The stream type's one decoder: it names the streams (`<category>-<id>`; the category also names
   * the resource in errors, "Article <id>"), reads stored events back and says which schema version
   * each event type is written in.
   */
  readonly events: StreamDecoder<string, Event>;
}
