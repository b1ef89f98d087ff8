import type { Message } from './decider.js';
import { asJsonObject, type JsonObject, type JsonValue } from './json.js';
import { idFromStream } from './streams.js';

/** A stored event as far as decoding needs it; the event store's RecordedEvent is one. */
export interface StoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue | Uint8Array;
  readonly metadata: JsonValue | undefined;
}

/** Turns the data of one schema version into the next version's (`from` → `from + 1`). */
export type Upcast = (data: JsonObject) => JsonObject;

/**
 * One event type of a stream: the schema version written now, and how each older version is
 * read. The log is never rewritten: an old shape is upcast every time it is read.
 */
export interface EventSchema {
  readonly version: number;
  /** Keyed by the version it reads: `{ 1: v1ToV2 }` when `version` is 2. */
  readonly upcasts?: Readonly<Record<number, Upcast>>;
}

export type EventSchemas<Event extends Message> = { readonly [Type in Event['type']]: EventSchema };

/** A stored event that no decoder of this build can read (unknown type or version, wrong stream, binary). */
export class UndecodableEventError extends Error {
  constructor(
    readonly stored: Pick<StoredEvent, 'streamId' | 'revision' | 'type'>,
    reason: string,
  ) {
    super(`Cannot decode ${stored.type} at ${stored.streamId}@${String(stored.revision)}: ${reason}`);
    this.name = 'UndecodableEventError';
  }
}

/** A decoded event with where it sits: the resource it belongs to and its revision there. */
export interface Decoded<Category extends string, Event extends Message> {
  readonly category: Category;
  /** The resource's id, from the stream name `<category>-<id>`. */
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly event: Event;
  readonly stored: StoredEvent;
}

/**
 * What a reader of the log takes from it: the exact event types it needs (the subscription is
 * filtered to them) and how a stored event becomes the reader's typed input.
 */
export interface EventSource<Input> {
  readonly eventTypes: readonly string[];
  /** Whether this source reads the stored event (its stream and type). */
  reads(stored: StoredEvent): boolean;
  decode(stored: StoredEvent): Input;
}

/**
 * The one decoder of a stream type (`article-<id>`, `contributor-<id>`, …): a stored event
 * becomes a member of the context's event union, older schema versions upcast on the way. The
 * version comes from the event's metadata (`schemaVersion`; events without one are version 1).
 * Data written by this code base is trusted to match its version: the hash chain guards it.
 */
export class StreamDecoder<Category extends string, Event extends Message> {
  readonly eventTypes: readonly Event['type'][];

  constructor(
    readonly category: Category,
    private readonly schemas: EventSchemas<Event>,
  ) {
    this.eventTypes = Object.keys(schemas);
    for (const type of this.eventTypes) {
      const { version, upcasts = {} } = this.schemaOf(type);
      if (!Number.isSafeInteger(version) || version < 1) throw new Error(`${type}: schema version must be a positive integer`);
      for (let from = 1; from < version; from++) {
        if (upcasts[from] === undefined) throw new Error(`${type}: no upcast from version ${from} to ${from + 1}`);
      }
    }
  }

  isEventType(type: string): type is Event['type'] {
    return Object.hasOwn(this.schemas, type);
  }

  /** The version this build writes for a type. */
  schemaVersion(type: Event['type']): number {
    return this.schemaOf(type).version;
  }

  streamName(id: string): string {
    return `${this.category}-${id}`;
  }

  idFromStream(streamId: string): string | undefined {
    return idFromStream(this.category, streamId);
  }

  /** A stored event of this stream type as the context's event, at the current schema version. */
  event(stored: StoredEvent): Event {
    if (!this.isEventType(stored.type)) throw new UndecodableEventError(stored, `not an event of ${this.category} streams`);
    const data = asJsonObject(stored.data instanceof Uint8Array ? undefined : stored.data);
    if (data === undefined) throw new UndecodableEventError(stored, 'its data is not a JSON object');
    const { version, upcasts = {} } = this.schemaOf(stored.type);
    const written = schemaVersionOf(stored);
    if (written === undefined || written > version) {
      throw new UndecodableEventError(stored, `schema version ${String(written)} is not one this build reads (up to ${version})`);
    }
    let current = data;
    for (let from = written; from < version; from++) current = upcasts[from]!(current);
    return { type: stored.type, data: current } as unknown as Event;
  }

  decode(stored: StoredEvent): Decoded<Category, Event> {
    const id = this.idFromStream(stored.streamId);
    if (id === undefined) throw new UndecodableEventError(stored, `not a ${this.category} stream`);
    return { category: this.category, id, streamId: stored.streamId, revision: stored.revision, event: this.event(stored), stored };
  }

  /** Every event of this stream type. */
  all(): EventSource<Decoded<Category, Event>> {
    return this.only(...this.eventTypes);
  }

  /** Only these types, decoded to the narrower union: a reader's switch then covers exactly what it reads. */
  only<Type extends Event['type']>(...types: Type[]): EventSource<Decoded<Category, Extract<Event, { type: Type }>>> {
    const wanted = new Set<string>(types);
    const prefix = `${this.category}-`;
    return {
      eventTypes: types,
      reads: (stored) => wanted.has(stored.type) && stored.streamId.startsWith(prefix),
      decode: (stored) => {
        if (!wanted.has(stored.type)) throw new UndecodableEventError(stored, `not one of the types this reader reads`);
        return this.decode(stored) as Decoded<Category, Extract<Event, { type: Type }>>;
      },
    };
  }

  private schemaOf(type: Event['type']): EventSchema {
    return this.schemas[type];
  }
}

/** A reader of several stream types: each stored event goes to the source that reads it. */
export function eitherOf<A, B>(a: EventSource<A>, b: EventSource<B>): EventSource<A | B> {
  return {
    eventTypes: [...new Set([...a.eventTypes, ...b.eventTypes])],
    reads: (stored) => a.reads(stored) || b.reads(stored),
    decode: (stored) => {
      if (a.reads(stored)) return a.decode(stored);
      if (b.reads(stored)) return b.decode(stored);
      throw new UndecodableEventError(stored, 'no source of this reader reads it');
    },
  };
}

function schemaVersionOf(stored: StoredEvent): number | undefined {
  const metadata = asJsonObject(stored.metadata);
  const version = metadata?.schemaVersion;
  if (version === undefined) return 1;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 ? version : undefined;
}
