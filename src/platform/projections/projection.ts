import type Database from 'better-sqlite3';
import type { EventSource } from '../../kernel/event-decoder.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';

/** Logical table name → the physical name of one generation's table, e.g. `articles` → `rm_publishing_g3_articles`. */
export type TableNames<Table extends string = string> = Readonly<Record<Table, string>>;

/** Applies events to one generation's tables; built once per generation so statements are prepared once. */
export interface ProjectionWriter {
  /**
   * Runs inside the runner's transaction, synchronously. It must be deterministic (time comes from the
   * event, never the clock) and touch only its own tables, or a rebuild would not reproduce it.
   */
  apply(event: RecordedEvent): void;
}

/**
 * A read model built from the log. The runner owns subscription, batching, transactions and checkpoints;
 * the projection only says which events it needs, creates its tables and applies an event.
 * Bump `version` whenever the tables or what apply writes change: a runner that finds a model built by
 * another version builds a new generation from the log and switches to it once it has caught up.
 */
export interface Projection<Table extends string = string> {
  /** Lowercase letters, digits and `_`: it becomes part of table names. */
  readonly name: string;
  readonly version: number;
  /** Exact event types; the subscription is filtered to them (its checkpoints still move past the rest). */
  readonly eventTypes: readonly string[];
  readonly tables: readonly Table[];
  setup(db: Database.Database, tables: TableNames<Table>): void;
  writer(db: Database.Database, tables: TableNames<Table>): ProjectionWriter;
}

/** How a projection is written: its typed reader of the log, and a writer that gets decoded input. */
export interface ProjectionDefinition<Table extends string, Input> {
  readonly name: string;
  readonly version: number;
  /** The streams and event types it reads, decoded (see kernel/event-decoder.ts). */
  readonly source: EventSource<Input>;
  readonly tables: readonly Table[];
  setup(db: Database.Database, tables: TableNames<Table>): void;
  writer(db: Database.Database, tables: TableNames<Table>): { apply(input: Input): void };
}

/**
 * A projection whose writer switches on its own event union: the runner subscribes to exactly the
 * source's event types and hands each stored event to the writer decoded, so no projection reads
 * raw event data.
 */
export function defineProjection<Table extends string, Input>(definition: ProjectionDefinition<Table, Input>): Projection<Table> {
  const { source } = definition;
  return {
    name: definition.name,
    version: definition.version,
    eventTypes: source.eventTypes,
    tables: definition.tables,
    setup: (db, tables) => definition.setup(db, tables),
    writer: (db, tables) => {
      const typed = definition.writer(db, tables);
      return { apply: (event) => typed.apply(source.decode(event)) };
    },
  };
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,39}$/;

export function assertProjectionShape(projection: Projection): void {
  if (!IDENTIFIER.test(projection.name)) throw new Error(`Projection name "${projection.name}" must match ${String(IDENTIFIER)}`);
  for (const table of projection.tables) {
    if (!IDENTIFIER.test(table)) throw new Error(`Table "${table}" of projection ${projection.name} must match ${String(IDENTIFIER)}`);
  }
  if (!Number.isSafeInteger(projection.version) || projection.version < 1) {
    throw new Error(`Projection ${projection.name} needs a positive integer version`);
  }
  if (projection.eventTypes.length === 0) throw new Error(`Projection ${projection.name} handles no event types`);
}

/** Names are checked identifiers, so they can be spliced into SQL. */
export function tableNamesOf<Table extends string>(projection: Projection<Table>, generation: number): TableNames<Table> {
  const prefix = `rm_${projection.name}_g${generation}_`;
  return Object.fromEntries(projection.tables.map((table) => [table, `${prefix}${table}`])) as Record<Table, string>;
}
