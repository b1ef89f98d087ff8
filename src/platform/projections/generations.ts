import type Database from 'better-sqlite3';
import type { Position } from '../event-store/event-store.port.js';
import { type Projection, tableNamesOf } from './projection.js';

/**
 * Generations: every build of a read model gets its own numbered set of tables, and one row here saying
 * how far it has read (its checkpoint) and whether it is the one queries use (`active`) or one being built.
 * Switching to a rebuilt model is one transaction: the new row becomes active, the old row goes and its
 * tables are dropped. Readers look the active generation up inside their own read transaction, so each
 * query sees either the old model or the new one, never a mix; a runner writing to the old generation finds
 * its row gone at its next batch and continues on the new one. Numbers are never reused.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS projection_generations (
  projection         TEXT    NOT NULL,
  generation         INTEGER NOT NULL,
  version            INTEGER NOT NULL,
  state              TEXT    NOT NULL CHECK (state IN ('building', 'active')),
  checkpoint_commit  INTEGER,
  checkpoint_prepare INTEGER,
  events_applied     INTEGER NOT NULL DEFAULT 0,
  failures           INTEGER NOT NULL DEFAULT 0,
  failed_event       TEXT,
  created_at         TEXT    NOT NULL,
  activated_at       TEXT,
  PRIMARY KEY (projection, generation)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS projection_generations_one_active ON projection_generations (projection) WHERE state = 'active';
CREATE TABLE IF NOT EXISTS projection_generation_numbers (
  projection      TEXT    PRIMARY KEY,
  last_generation INTEGER NOT NULL
) WITHOUT ROWID;
`;

const SCHEMA_VERSION = 1;

export function migrateGenerations(db: Database.Database): void {
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION)
      throw new Error(`Read-model file schema ${version} is newer than this build understands (${SCHEMA_VERSION})`);
    if (version === SCHEMA_VERSION) return;
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

export type GenerationState = 'building' | 'active';

/** Where a projection stopped on an event it could not apply. Public on /health: no message, no data. */
export interface FailedEvent {
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly error: string;
  readonly at: string;
}

export interface Generation {
  readonly projection: string;
  readonly generation: number;
  readonly version: number;
  readonly state: GenerationState;
  /** Everything up to and including this position has been applied; undefined: nothing read yet. */
  readonly checkpoint: Position | undefined;
  readonly eventsApplied: number;
  readonly failures: number;
  readonly failedEvent: FailedEvent | undefined;
  readonly createdAt: string;
  readonly activatedAt: string | undefined;
}

interface GenerationRecord {
  projection: string;
  generation: bigint;
  version: bigint;
  state: GenerationState;
  checkpoint_commit: bigint | null;
  checkpoint_prepare: bigint | null;
  events_applied: bigint;
  failures: bigint;
  failed_event: string | null;
  created_at: string;
  activated_at: string | null;
}

function toGeneration(row: GenerationRecord): Generation {
  return {
    projection: row.projection,
    generation: Number(row.generation),
    version: Number(row.version),
    state: row.state,
    checkpoint:
      row.checkpoint_commit === null
        ? undefined
        : { commit: row.checkpoint_commit, prepare: row.checkpoint_prepare ?? row.checkpoint_commit },
    eventsApplied: Number(row.events_applied),
    failures: Number(row.failures),
    failedEvent: row.failed_event === null ? undefined : (JSON.parse(row.failed_event) as FailedEvent),
    createdAt: row.created_at,
    activatedAt: row.activated_at ?? undefined,
  };
}

/** The bookkeeping statements on one connection. Callers own the transactions. */
export class Generations {
  private readonly select: Database.Statement<[string, number], GenerationRecord>;
  private readonly selectActive: Database.Statement<[string], GenerationRecord>;
  private readonly selectAll: Database.Statement<[], GenerationRecord>;
  private readonly advance: Database.Statement<[bigint, bigint, number, string, number]>;
  private readonly failure: Database.Statement<[string, string, number]>;

  constructor(private readonly db: Database.Database) {
    const columns = 'SELECT * FROM projection_generations';
    this.select = db.prepare<[string, number], GenerationRecord>(`${columns} WHERE projection = ? AND generation = ?`).safeIntegers(true);
    this.selectActive = db.prepare<[string], GenerationRecord>(`${columns} WHERE projection = ? AND state = 'active'`).safeIntegers(true);
    this.selectAll = db.prepare<[], GenerationRecord>(`${columns} ORDER BY projection, generation`).safeIntegers(true);
    this.advance = db.prepare(
      `UPDATE projection_generations
          SET checkpoint_commit = ?, checkpoint_prepare = ?, events_applied = events_applied + ?, failed_event = NULL
        WHERE projection = ? AND generation = ?`,
    );
    this.failure = db.prepare(
      'UPDATE projection_generations SET failures = failures + 1, failed_event = ? WHERE projection = ? AND generation = ?',
    );
  }

  get(projection: string, generation: number): Generation | undefined {
    const row = this.select.get(projection, generation);
    return row === undefined ? undefined : toGeneration(row);
  }

  active(projection: string): Generation | undefined {
    const row = this.selectActive.get(projection);
    return row === undefined ? undefined : toGeneration(row);
  }

  all(): Generation[] {
    return this.selectAll.all().map(toGeneration);
  }

  /** Creates the generation's tables and its row, in one transaction. */
  create(projection: Projection, state: GenerationState, now: Date): Generation {
    return this.db.transaction(() => {
      const generation = this.nextNumber(projection.name);
      projection.setup(this.db, tableNamesOf(projection, generation));
      this.db
        .prepare(
          `INSERT INTO projection_generations (projection, generation, version, state, created_at, activated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(projection.name, generation, projection.version, state, now.toISOString(), state === 'active' ? now.toISOString() : null);
      const created = this.get(projection.name, generation);
      if (created === undefined) throw new Error(`Generation ${generation} of ${projection.name} vanished while it was created`);
      return created;
    })();
  }

  /** Inside the batch's transaction, with the read-model writes. */
  recordCheckpoint(projection: string, generation: number, position: Position, applied: number): void {
    this.advance.run(position.commit, position.prepare, applied, projection, generation);
  }

  recordFailure(projection: string, generation: number, failed: FailedEvent): void {
    this.failure.run(JSON.stringify(failed), projection, generation);
  }

  /** The switch: this generation becomes the one queries use; the previous active one is dropped. */
  activate(projection: Projection, generation: number, now: Date): void {
    this.db.transaction(() => {
      const previous = this.active(projection.name);
      if (previous !== undefined && previous.generation !== generation) this.drop(projection, previous.generation);
      this.db
        .prepare(`UPDATE projection_generations SET state = 'active', activated_at = ? WHERE projection = ? AND generation = ?`)
        .run(now.toISOString(), projection.name, generation);
    })();
  }

  /** Drops the generation's tables and its row. */
  drop(projection: Projection, generation: number): void {
    this.db.transaction(() => {
      for (const table of Object.values<string>(tableNamesOf(projection, generation))) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.db.prepare('DELETE FROM projection_generations WHERE projection = ? AND generation = ?').run(projection.name, generation);
    })();
  }

  private nextNumber(projection: string): number {
    const row = this.db
      .prepare<[string], { last_generation: number }>(
        `INSERT INTO projection_generation_numbers (projection, last_generation) VALUES (?, 1)
         ON CONFLICT (projection) DO UPDATE SET last_generation = last_generation + 1
         RETURNING last_generation`,
      )
      .get(projection);
    if (row === undefined) throw new Error(`No generation number for ${projection}`);
    return row.last_generation;
  }
}
