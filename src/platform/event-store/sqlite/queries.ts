import type Database from 'better-sqlite3';
import { parseMetadataJson, type RawMetadataValue } from '../stream-metadata.js';
import type { StreamHead } from './append-check.js';
import { categoryOf, type EncodedEvent, type EventRow, isMetaStream, metaStreamOf } from './codec.js';
import { StreamState } from './schema.js';

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, content_type, data, metadata, created';

export const NO_LIMIT = -1; // SQLite's LIMIT -1

/** The prepared statements of one connection; the writer and the reader each hold their own. */
export class Queries {
  private readonly stmt;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      head: p('SELECT last_revision, state FROM streams WHERE stream_id = ?'),
      setHead: p(
        `INSERT INTO streams (stream_id, last_revision, state) VALUES (?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, state = excluded.state`,
      ),
      insert: p(
        `INSERT INTO events (stream_id, revision, event_id, type, content_type, data, metadata, created, category, correlation_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      eventIdAt: p('SELECT event_id FROM events WHERE stream_id = ? AND revision = ?').pluck(),
      positionAt: p('SELECT position FROM events WHERE stream_id = ? AND revision = ?').pluck(),
      // Without INDEXED BY the planner walks the whole stream by (stream_id, revision) to serve max(revision).
      revisionOfEventId: p('SELECT max(revision) FROM events INDEXED BY events_by_event_id WHERE event_id = ? AND stream_id = ?').pluck(),
      lastData: p('SELECT data FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').pluck(),
      headPosition: p('SELECT max(position) FROM events').pluck(),
      streamForwards: p(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ? AND created >= ?
         ORDER BY revision LIMIT ?`,
      ),
      streamBackwards: p(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? AND revision >= ? AND created >= ?
         ORDER BY revision DESC LIMIT ?`,
      ),
      allForwards: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`),
      allBackwards: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE position <= ? ORDER BY position DESC LIMIT ?`),
      categoryForwards: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE category = ? AND position >= ? ORDER BY position LIMIT ?`),
      categoryBackwards: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE category = ? AND position <= ? ORDER BY position DESC LIMIT ?`),
      byCorrelation: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE correlation_id = ? ORDER BY position`),
    };
  }

  /** A metadata stream shares the fate of its stream: tombstoning `x` closes `$$x` too. */
  head(stream: string): StreamHead {
    const own = this.stmt.head.get(stream) as { last_revision: bigint; state: bigint } | undefined;
    const tombstoned =
      own?.state === BigInt(StreamState.tombstoned) ||
      (isMetaStream(stream) && this.rawState(stream.slice(2)) === BigInt(StreamState.tombstoned));
    return {
      lastRevision: own?.last_revision ?? -1n,
      softDeleted: own?.state === BigInt(StreamState.softDeleted),
      tombstoned,
    };
  }

  setHead(stream: string, lastRevision: bigint, state: StreamState): void {
    this.stmt.setHead.run(stream, lastRevision, state);
  }

  insert(stream: string, revision: bigint, event: EncodedEvent, created: number): bigint {
    const { lastInsertRowid } = this.stmt.insert.run(
      stream,
      revision,
      event.id,
      event.type,
      event.contentType,
      event.data,
      event.metadata,
      created,
      categoryOf(stream),
      event.correlationId,
    );
    return BigInt(lastInsertRowid);
  }

  hasEvents(stream: string): boolean {
    return this.head(stream).lastRevision >= 0n;
  }

  eventIdAt(stream: string, revision: bigint): string | undefined {
    return this.stmt.eventIdAt.get(stream, revision) as string | undefined;
  }

  positionAt(stream: string, revision: bigint): bigint | undefined {
    return this.stmt.positionAt.get(stream, revision) as bigint | undefined;
  }

  revisionOfEventId(stream: string, eventId: string): bigint | undefined {
    return (this.stmt.revisionOfEventId.get(eventId, stream) as bigint | null) ?? undefined;
  }

  /** The stream's metadata as stored: the data of the last event in `$$<stream>`, like EventStoreDB reads it. */
  /** Parsed with 64-bit integers kept exact: a soft delete's `$tb` is 2^63-1. */
  rawMetadata(stream: string): RawMetadataValue | undefined {
    const data = this.stmt.lastData.get(metaStreamOf(stream)) as string | Buffer | undefined;
    if (data === undefined) return undefined;
    try {
      return parseMetadataJson(typeof data === 'string' ? data : data.toString('utf8'));
    } catch {
      return undefined; // someone appended non-JSON to $$<stream>: EventStoreDB ignores such metadata too
    }
  }

  headPosition(): bigint {
    return (this.stmt.headPosition.get() as bigint | null) ?? 0n;
  }

  streamForwards(stream: string, from: bigint, to: bigint, createdAtLeast: number, limit: number): EventRow[] {
    return this.stmt.streamForwards.all(stream, from, to, createdAtLeast, limit) as EventRow[];
  }

  streamBackwards(stream: string, from: bigint, downTo: bigint, createdAtLeast: number, limit: number): EventRow[] {
    return this.stmt.streamBackwards.all(stream, from, downTo, createdAtLeast, limit) as EventRow[];
  }

  allForwards(from: bigint, limit: number): EventRow[] {
    return this.stmt.allForwards.all(from, limit) as EventRow[];
  }

  allBackwards(from: bigint, limit: number): EventRow[] {
    return this.stmt.allBackwards.all(from, limit) as EventRow[];
  }

  categoryForwards(category: string, from: bigint, limit: number): EventRow[] {
    return this.stmt.categoryForwards.all(category, from, limit) as EventRow[];
  }

  categoryBackwards(category: string, from: bigint, limit: number): EventRow[] {
    return this.stmt.categoryBackwards.all(category, from, limit) as EventRow[];
  }

  byCorrelationId(correlationId: string): EventRow[] {
    return this.stmt.byCorrelation.all(correlationId) as EventRow[];
  }

  private rawState(stream: string): bigint | undefined {
    return (this.stmt.head.get(stream) as { state: bigint } | undefined)?.state;
  }
}
