import type Database from 'better-sqlite3';

export interface GroupCommitStats {
  /** Transactions committed (each one fsync with synchronous=FULL). */
  readonly transactions: number;
  /** Write operations (appends, metadata writes, deletes) submitted and settled. */
  readonly operations: number;
  readonly largestBatch: number;
}

interface Pending {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

/**
 * Serialises every write through one connection and commits queued writes together.
 *
 * better-sqlite3 is synchronous, so a commit (and its fsync) blocks the thread: writes that arrive meanwhile
 * wait in Node's queues and are enqueued once it returns. The flush runs from setImmediate, i.e. after the
 * I/O callbacks of the current loop turn, so everything submitted since the previous commit goes into the
 * next transaction. Each write runs inside its own SAVEPOINT: one failing (wrong expected version, bad data)
 * is rolled back alone and the rest of the batch commits. Promises settle only after COMMIT returned.
 */
export class GroupCommitWriter {
  private readonly queue: Pending[] = [];
  private flushScheduled = false;
  private readonly counters = { transactions: 0, operations: 0, largestBatch: 0 };
  private readonly begin;
  private readonly commit;
  private readonly rollback;
  private readonly savepoint;
  private readonly release;
  private readonly rollbackToSavepoint;

  constructor(
    private readonly db: Database.Database,
    private readonly maxBatchSize: number,
    private readonly onCommitted: () => void,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT write');
    this.release = db.prepare('RELEASE write');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO write');
  }

  get stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /** `work` runs synchronously inside the write transaction; whatever it throws rejects this write only. */
  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.scheduleFlush();
    });
  }

  /** Commit everything queued, now. Used by close(): writes already accepted are finished, not dropped. */
  drain(): void {
    while (this.queue.length > 0) this.flushBatch();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.queue.length === 0 || !this.db.open) return;
      this.flushBatch();
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  private flushBatch(): void {
    const batch = this.queue.splice(0, this.maxBatchSize);
    let outcomes: Outcome[];
    try {
      outcomes = this.runInTransaction(batch);
    } catch (error) {
      // A failed ROLLBACK leaves nothing sane to report per write; every caller still hears back.
      outcomes = batch.map(() => ({ ok: false, error: asError(error) }));
    }
    this.counters.operations += batch.length;
    this.counters.largestBatch = Math.max(this.counters.largestBatch, batch.length);
    if (outcomes.some((o) => o.ok)) this.onCommitted();
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  private runInTransaction(batch: readonly Pending[]): Outcome[] {
    try {
      this.begin.run();
    } catch (error) {
      return batch.map(() => ({ ok: false, error: asError(error) }));
    }
    const outcomes: Outcome[] = [];
    let aborted: Error | undefined;
    for (const pending of batch) {
      if (aborted) {
        outcomes.push({ ok: false, error: aborted });
        continue;
      }
      const outcome = this.runOne(pending);
      outcomes.push(outcome);
      // SQLite rolls the whole transaction back on some errors (disk full, I/O): nothing of the batch survives,
      // and running the rest would write outside any transaction.
      if (!this.db.inTransaction) aborted = outcome.ok ? new Error('The write transaction ended unexpectedly') : outcome.error;
    }
    if (aborted) return failAll(outcomes, aborted);
    try {
      this.commit.run();
      this.counters.transactions += 1;
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      return failAll(outcomes, asError(error));
    }
  }

  private runOne(pending: Pending): Outcome {
    try {
      this.savepoint.run();
      const value = pending.work();
      this.release.run();
      return { ok: true, value };
    } catch (error) {
      if (this.db.inTransaction) {
        this.rollbackToSavepoint.run();
        this.release.run();
      }
      return { ok: false, error: asError(error) };
    }
  }
}

/** Nothing was written: writes that had succeeded fail with the transaction's error, the others keep theirs. */
function failAll(outcomes: readonly Outcome[], error: Error): Outcome[] {
  return outcomes.map((o) => (o.ok ? { ok: false, error } : o));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
