import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { CommandEnvelope } from './command-envelope.js';
import { type CommandTarget, IdempotencyKeyReusedError } from './command-errors.js';
import type { CommandStream } from './command-stream.js';
import type { Message } from '../../kernel/decider.js';
import { readEventMetadata } from './event-metadata.js';
import type { ExecutedCommand } from './executed-command.js';

/** The state a stream's stored events fold to (null for none). */
export function foldRecorded<State, Event extends Message>(
  stream: CommandStream<State, Message, Event>,
  recorded: readonly RecordedEvent[],
): State | null {
  return recorded.reduce<State | null>((state, event) => stream.evolve(state, stream.events.event(event)), null);
}

/** A command already in the stream (same command id) is answered from the stream, not run again. */
export function replayOf<State, Event extends Message>(
  stream: CommandStream<State, Message, Event>,
  target: CommandTarget,
  recorded: readonly RecordedEvent[],
  envelope: CommandEnvelope,
): ExecutedCommand<State> | undefined {
  if (envelope.idempotencyKey === undefined) return undefined;
  const ofCommand = (event: RecordedEvent) => readEventMetadata(event).commandId === envelope.commandId;
  const lastIndex = recorded.findLastIndex(ofCommand);
  if (lastIndex < 0) return undefined;
  const original = recorded[lastIndex]!;
  if (readEventMetadata(original).requestHash !== envelope.requestHash) {
    throw new IdempotencyKeyReusedError(target, envelope.idempotencyKey);
  }
  const state = foldRecorded(stream, recorded.slice(0, lastIndex + 1));
  if (state === null) throw new Error(`${target.streamId} folds to nothing`);
  return {
    streamId: target.streamId,
    state,
    revision: original.revision,
    position: original.position.commit,
    replayed: true,
    created: recorded.findIndex(ofCommand) === 0,
  };
}
