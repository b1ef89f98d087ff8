import { EventStoreClosedError } from '../errors.js';
import type { RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.port.js';
import { type EventRow, toPosition } from './codec.js';
import type { RowPredicate } from './event-filter.js';

/** What a subscription needs from the store. */
export interface SubscriptionSource {
  /** Incremented after every commit of this process; lets a subscription tell whether it missed a wake-up. */
  commitGeneration(): number;
  rowsAfter(position: bigint, limit: number): EventRow[];
  decode(row: EventRow): RecordedEvent;
  release(subscription: SqliteSubscription): void;
}

export interface SqliteSubscriptionOptions {
  readonly after: bigint; // exclusive
  readonly filter: RowPredicate | undefined;
  readonly checkpointInterval: number;
  readonly pageSize: number;
  /** Fallback for commits by other processes, which the in-process notifier cannot see. */
  readonly pollIntervalMs: number;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A catch-up subscription that always reads the log itself: it pages through the events table after the last
 * position it read, so history, the switch to live and concurrent writers never lose or repeat an event, and it
 * holds at most one page in memory. It only reads when the consumer pulls (backpressure), and once at the head it
 * sleeps until the store reports a commit or the poll interval elapses.
 */
export class SqliteSubscription implements Subscription, AsyncIterator<SubscriptionMessage> {
  private readonly buffered: SubscriptionMessage[] = [];
  private cursor: bigint;
  private readSinceCheckpoint = 0;
  private checkpointed = false;
  private caughtUp = false;
  private closed = false;
  private failure: Error | undefined;
  private wakeUp: (() => void) | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SqliteSubscriptionOptions,
  ) {
    this.cursor = options.after;
  }

  /** A subscription on a closed store: it reports that on first use instead of hanging. */
  static failed(source: SubscriptionSource, options: SqliteSubscriptionOptions): SqliteSubscription {
    const subscription = new SqliteSubscription(source, options);
    subscription.failure = new EventStoreClosedError();
    return subscription;
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return this;
  }

  next(): Promise<IteratorResult<SubscriptionMessage>> {
    // Calls are served one after another even if a caller does not wait for the previous one.
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<SubscriptionMessage>> {
    await this.close();
    return DONE;
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.buffered.length = 0;
      this.source.release(this);
      this.wake();
    }
    return Promise.resolve();
  }

  /** The store went away: messages already read are still delivered, then the iterator throws. */
  fail(error: Error): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    this.source.release(this);
    this.wake();
  }

  /** Called by the store after each commit. */
  notify(): void {
    this.wake();
  }

  private async pull(): Promise<IteratorResult<SubscriptionMessage>> {
    for (;;) {
      if (this.closed) return DONE;
      const message = this.buffered.shift();
      if (message) return { done: false, value: message };
      if (this.failure) {
        this.closed = true;
        throw this.failure;
      }
      // Reads are synchronous: without a turn of the event loop between pages, a long catch-up would
      // keep the process (an API serving requests) busy until the whole history was read.
      if (!this.caughtUp) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) return DONE;
      const generation = this.source.commitGeneration();
      try {
        this.readPage();
      } catch (error) {
        this.closed = true;
        this.source.release(this);
        throw error;
      }
      if (this.buffered.length === 0) await this.sleep(generation);
    }
  }

  private readPage(): void {
    const { filter, checkpointInterval, pageSize } = this.options;
    const rows = this.source.rowsAfter(this.cursor, pageSize);
    for (const row of rows) {
      this.cursor = row.position;
      if (!filter || filter(row)) this.buffered.push({ kind: 'event', event: this.source.decode(row) });
      // Filtered-out events count too: that is what lets a filtered subscriber's checkpoint move past them.
      if (++this.readSinceCheckpoint >= checkpointInterval) this.checkpoint();
    }
    if (rows.length < pageSize && !this.caughtUp) {
      this.caughtUp = true;
      if (this.readSinceCheckpoint > 0 || !this.checkpointed) this.checkpoint();
      this.buffered.push({ kind: 'caughtUp' });
    }
  }

  private checkpoint(): void {
    this.buffered.push({ kind: 'checkpoint', position: toPosition(this.cursor) });
    this.readSinceCheckpoint = 0;
    this.checkpointed = true;
  }

  private async sleep(generation: number): Promise<void> {
    if (this.closed || this.failure || this.source.commitGeneration() !== generation) return;
    await new Promise<void>((resolve) => {
      this.wakeUp = resolve;
      // Not unref'd: a consumer waiting for events keeps the process alive, as an open socket would.
      this.pollTimer = setTimeout(() => this.wake(), this.options.pollIntervalMs);
    });
  }

  private wake(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }
}
