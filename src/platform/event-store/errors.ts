import type { ExpectedRevision } from './event-store.port.js';

/** Base class of every error the EventStore port raises; adapters map their client's errors onto these. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type ActualRevision = bigint | 'no_stream';

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'wrong_expected_version';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Wrong expected version on stream '${streamName}': expected ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'stream_not_found';
  constructor(readonly streamName: string) {
    super(`Stream '${streamName}' not found`);
  }
}

export class StreamDeletedError extends EventStoreError {
  readonly code = 'stream_deleted';
  constructor(readonly streamName: string) {
    super(`Stream '${streamName}' is deleted`);
  }
}

export class MaxAppendSizeExceededError extends EventStoreError {
  readonly code = 'max_append_size_exceeded';
  constructor(
    readonly streamName: string,
    readonly maxAppendSize: number,
    readonly size: number,
  ) {
    super(`Append to '${streamName}' is ${size} bytes, over the limit of ${maxAppendSize}`);
  }
}

/** The store cannot be reached, or the connection dropped (e.g. under a subscription). */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'unavailable';
}

/**
 * The store did not answer within the operation's deadline; the call was cancelled. An append that
 * timed out may or may not have been written: retrying it with the same event ids writes it once.
 */
export class EventStoreDeadlineExceededError extends EventStoreUnavailableError {
  constructor(
    readonly operation: string,
    readonly deadlineMs: number,
    options?: ErrorOptions,
  ) {
    super(`Event store did not answer ${operation} within ${deadlineMs} ms`, options);
  }
}

/** The server is a version (or edition) the adapter refuses to run against; see docs/eventstoredb.md. */
export class UnsupportedEventStoreServerError extends EventStoreError {
  readonly code = 'unsupported_server';
  constructor(
    readonly serverVersion: string,
    readonly requirement: string,
  ) {
    super(`EventStoreDB server version ${serverVersion} is not supported: ${requirement}`);
  }
}

/** The store was closed; no more work is accepted. */
export class EventStoreClosedError extends EventStoreError {
  readonly code = 'closed';
  constructor() {
    super('Event store is closed');
  }
}
