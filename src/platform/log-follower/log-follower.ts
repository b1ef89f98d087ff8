import type { Logger } from 'pino';
import type { EventFilter, EventStore, Position, Subscription } from '../event-store/event-store.port.js';
import { retryDelayMs } from '../retry/backoff.js';
import { WakeSignal } from '../retry/wake-signal.js';
import { batchesOf, type FollowedBatch } from './batches.js';

export type { FollowedBatch };

export const DEFAULT_BATCH_SIZE = 500;

export interface RetryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 500, maxDelayMs: 30_000 };

/** What a follower does about an error of its handler or of the subscription. */
export type FailureAction =
  /** Back off (exponentially, with jitter), then follow again from `from()`: the same events come again. */
  | 'retry'
  /** Follow again from `from()` at once: nothing failed, the handler moved its own starting point. */
  | 'restart'
  /** Stop following; `run()` rejects with the error. */
  | 'stop';

export interface LogFollowerOptions {
  /** Names the follower in logs. */
  readonly name: string;
  readonly store: EventStore;
  /** Only these events are delivered; checkpoints still move past the others. */
  readonly filter?: EventFilter;
  /**
   * Where to start, asked before every subscription: the checkpoint the handler stored with its last
   * batch, so a restart or a retry neither misses nor repeats what was committed. Exclusive.
   */
  from(): Position | 'start' | Promise<Position | 'start'>;
  /**
   * Commits a batch: the caller's writes and the batch's position, together (one transaction). A
   * batch may carry no events (a checkpoint past filtered-out events, or the caught-up signal). While
   * it runs, nothing more is read: a slow handler slows the reading down, nothing piles up.
   */
  handle(batch: FollowedBatch): void | Promise<void>;
  /** Most events in one batch while catching up; live events come as they are committed. */
  readonly batchSize?: number;
  /** How often the store sends a checkpoint past filtered-out events (events read, matching or not). */
  readonly checkpointInterval?: number;
  /** Stop (and resolve `run()`) once a caught-up batch has been handled: a rebuild. */
  readonly stopWhenCaughtUp?: boolean;
  /** Default: every error is retried with backoff. */
  onFailure?(error: unknown): FailureAction;
  /** What to log about a failure besides the error itself (e.g. the event it stopped at). */
  failureContext?(error: unknown): Readonly<Record<string, unknown>>;
  /** The log line of a failure that will be retried. */
  readonly retryMessage?: string;
  readonly retry?: RetryPolicy;
  readonly logger: Logger;
  readonly clock?: () => Date;
}

export type FollowerState = 'starting' | 'catching_up' | 'live' | 'retrying' | 'stopped';

export interface FollowerStatus {
  readonly state: FollowerState;
  readonly consecutiveFailures: number;
  /** When the next attempt is due, while retrying. */
  readonly retryAt: string | undefined;
  /** The last failure's message and since when it keeps failing; cleared by the next batch handled. */
  readonly failure: { readonly message: string; readonly since: string } | undefined;
  /** The position of the last batch handled. */
  readonly position: Position | undefined;
}

/**
 * The one way Redaksi follows the log: subscribe from a stored checkpoint, hand over batches, let the
 * handler commit its writes with the checkpoint, back off on failure and follow again from the stored
 * checkpoint, stop cleanly, and say how it is doing. Projections, the webhook ledger's fold, webhook
 * delivery, the feed stream and every other reader of the log use it.
 */
export class LogFollower {
  private readonly retry: RetryPolicy;
  private readonly clock: () => Date;
  private readonly wake = new WakeSignal();
  private running: Promise<void> | undefined;
  private stopping = false;
  private restarting = false;
  private subscription: Subscription | undefined;
  private current: FollowerStatus = {
    state: 'starting',
    consecutiveFailures: 0,
    retryAt: undefined,
    failure: undefined,
    position: undefined,
  };
  private markCaughtUp: () => void = () => undefined;
  private readonly caughtUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));

  constructor(private readonly options: LogFollowerOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.clock = options.clock ?? (() => new Date());
  }

  get name(): string {
    return this.options.name;
  }

  status(): FollowerStatus {
    return this.current;
  }

  /** Starts following in the background; errors are handled as `onFailure` says. */
  start(): void {
    this.running ??= this.run().catch((error: unknown) => {
      this.options.logger.error({ follower: this.name, err: error }, 'Log follower stopped on an error');
    });
  }

  /** Follows until stopped (or caught up, with stopWhenCaughtUp); rejects when a failure's action is 'stop'. */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Resolves once a caught-up batch has been handled (the history there was at the start is in). */
  whenCaughtUp(): Promise<void> {
    return this.caughtUp;
  }

  /** Follows again from `from()`, at once: the handler has moved its starting point (a replay). */
  restart(): void {
    this.restarting = true;
    this.wake.notify();
    void this.subscription?.close();
  }

  /** Stops reading; the batch being handled is finished first. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.notify();
    await this.subscription?.close();
    await this.running?.catch(() => undefined);
    this.current = { ...this.current, state: 'stopped', retryAt: undefined };
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopping) {
        this.restarting = false;
        try {
          if (await this.followOnce()) return;
        } catch (error) {
          if (this.stopping) return;
          const action = this.restarting ? 'restart' : (this.options.onFailure?.(error) ?? 'retry');
          if (action === 'stop') throw error;
          if (action === 'retry') await this.backOff(error);
        }
      }
    } finally {
      this.current = { ...this.current, state: 'stopped', retryAt: undefined };
    }
  }

  /** One subscription, until it ends; true when the follower is done (stopped, or caught up as asked). */
  private async followOnce(): Promise<boolean> {
    const from = await this.options.from();
    if (this.stopping) return true;
    const subscription = this.options.store.subscribeToAll({
      fromPosition: from,
      ...(this.options.filter === undefined ? {} : { filter: this.options.filter }),
      ...(this.options.checkpointInterval === undefined ? {} : { checkpointInterval: this.options.checkpointInterval }),
    });
    this.subscription = subscription;
    // stop() or restart() may have come while the subscription was being opened.
    if (this.stopping || this.restarting) {
      await subscription.close();
      return this.stopping;
    }
    if (this.current.state !== 'live') this.current = { ...this.current, state: 'catching_up', retryAt: undefined };
    try {
      for await (const batch of batchesOf(subscription, this.options.batchSize ?? DEFAULT_BATCH_SIZE)) {
        if (this.stopping || this.restarting) break;
        await this.options.handle(batch);
        this.handled(batch);
        if (batch.caughtUp && this.options.stopWhenCaughtUp === true) return true;
      }
      return this.stopping;
    } finally {
      await subscription.close();
    }
  }

  private handled(batch: FollowedBatch): void {
    const succeeded = batch.events.length > 0 || batch.caughtUp;
    this.current = {
      state: batch.caughtUp || this.current.state === 'live' ? 'live' : 'catching_up',
      consecutiveFailures: succeeded ? 0 : this.current.consecutiveFailures,
      retryAt: undefined,
      failure: succeeded ? undefined : this.current.failure,
      position: batch.position ?? this.current.position,
    };
    if (batch.caughtUp) this.markCaughtUp();
  }

  private async backOff(error: unknown): Promise<void> {
    const failures = this.current.consecutiveFailures + 1;
    const delayMs = retryDelayMs(failures, { baseMs: this.retry.initialDelayMs, maxMs: this.retry.maxDelayMs });
    const now = this.clock();
    this.current = {
      ...this.current,
      state: 'retrying',
      consecutiveFailures: failures,
      retryAt: new Date(now.getTime() + delayMs).toISOString(),
      failure: { message: error instanceof Error ? error.message : String(error), since: this.current.failure?.since ?? now.toISOString() },
    };
    this.options.logger.error(
      { follower: this.name, ...this.options.failureContext?.(error), err: error, consecutiveFailures: failures, retryInMs: delayMs },
      this.options.retryMessage ?? 'Following the log failed; following again from the stored checkpoint',
    );
    await this.wake.wait(delayMs);
  }
}
