import Database from 'better-sqlite3';
import path from 'node:path';
import { Generations } from '../../src/platform/projections/generations.js';
import type { Projection } from '../../src/platform/projections/projection.js';
import { tableNamesOf } from '../../src/platform/projections/projection.js';
import { READ_MODEL_FILE } from '../../src/platform/projections/read-model-database.js';

export type ReadModelDump = Record<string, Record<string, unknown[]>>;

/** Every row of every table of each projection's active generation, in primary-key order. */
export function dumpReadModels(db: Database.Database, projections: readonly Projection[]): ReadModelDump {
  const generations = new Generations(db);
  const dump: ReadModelDump = {};
  for (const projection of projections) {
    const active = generations.active(projection.name);
    if (active === undefined) throw new Error(`${projection.name} has no active generation`);
    const tables = tableNamesOf(projection, active.generation);
    dump[projection.name] = Object.fromEntries(
      projection.tables.map((table) => {
        const name = tables[table]!;
        // WITHOUT ROWID tables iterate in primary-key order; the explicit order makes that a promise.
        const keys = db
          .prepare<[string], { name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk')
          .all(name);
        const order = keys.length > 0 ? keys.map((key) => key.name).join(', ') : 'rowid';
        return [table, db.prepare(`SELECT * FROM ${name} ORDER BY ${order}`).all()];
      }),
    );
  }
  return dump;
}

/** A separate connection to a data dir's read-model file, for looking at what the runners wrote. */
export function openReadModelFile(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, READ_MODEL_FILE));
  db.pragma('busy_timeout = 5000');
  return db;
}
