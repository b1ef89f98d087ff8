import { Refusal } from '../../kernel/refusal.js';
import type Database from 'better-sqlite3';
import { type Generation, Generations } from './generations.js';
import { type Projection, type TableNames, tableNamesOf } from './projection.js';
import type { ReadModelDatabase } from './read-model-database.js';

/** No usable model yet (the projector has not built one, or the active one is another version's). */
export class ReadModelUnavailableError extends Refusal {
  constructor(readonly projection: string) {
    super('unavailable', 'read_model_unavailable', `The ${projection} read model is being built; try again shortly.`, {
      title: 'Read model not available',
      retryAfterSeconds: 1,
    });
  }
}

export interface QueryContext<Table extends string> {
  readonly tables: TableNames<Table>;
  all<Row>(sql: string, ...params: unknown[]): Row[];
  get<Row>(sql: string, ...params: unknown[]): Row | undefined;
}

export interface WaitResult {
  /** The lowest checkpoint (commit position) of the projections waited for; undefined if one has none. */
  readonly position: bigint | undefined;
  readonly caughtUp: boolean;
}

const POLL_MS = 25;
const MAX_CACHED_STATEMENTS = 256;

/**
 * The query side of the read-model file: it reads whatever generation is active, whoever wrote it (a
 * runner in this process or the projector process), and tells how far each model has got.
 */
export class ReadModels {
  private readonly generations: Generations;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly database: ReadModelDatabase) {
    this.generations = new Generations(database.reader);
  }

  /** One read transaction: the active generation and the rows come from the same snapshot. */
  query<Table extends string, T>(projection: Projection<Table>, run: (context: QueryContext<Table>) => T): T {
    return this.database.reader.transaction(() => {
      const active = this.generations.active(projection.name);
      if (active === undefined || active.version !== projection.version) throw new ReadModelUnavailableError(projection.name);
      return run({
        tables: tableNamesOf(projection, active.generation),
        all: <Row>(sql: string, ...params: unknown[]) => this.statement(sql).all(...params) as Row[],
        get: <Row>(sql: string, ...params: unknown[]) => this.statement(sql).get(...params) as Row | undefined,
      });
    })();
  }

  /** Every generation's bookkeeping row: checkpoints, counts, failures. */
  all(): Generation[] {
    return this.generations.all();
  }

  active(projection: string): Generation | undefined {
    return this.generations.active(projection);
  }

  /** A runner in this process committed: wake whoever waits, rather than let them poll. */
  notifyCommitted(): void {
    for (const wake of this.waiters) wake();
  }

  /** Waits until every named projection's active model has read up to `position`, or `timeoutMs` passed. */
  async waitFor(projections: readonly string[], position: bigint, timeoutMs: number): Promise<WaitResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reached = this.lowestCheckpoint(projections);
      if (reached !== undefined && reached >= position) return { position: reached, caughtUp: true };
      const left = deadline - Date.now();
      if (left <= 0) return { position: reached, caughtUp: false };
      await this.nextCommitOrPoll(Math.min(left, POLL_MS));
    }
  }

  lowestCheckpoint(projections: readonly string[]): bigint | undefined {
    let lowest: bigint | undefined;
    for (const name of projections) {
      const commit = this.generations.active(name)?.checkpoint?.commit;
      if (commit === undefined) return undefined;
      if (lowest === undefined || commit < lowest) lowest = commit;
    }
    return lowest;
  }

  private nextCommitOrPoll(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      // Generation numbers are part of the SQL, so old generations' statements pile up; forget them now and then.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.database.reader.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
