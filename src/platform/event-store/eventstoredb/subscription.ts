import {
  comparePositions,
  type Position,
  type SubscribeToAllOptions,
  type Subscription,
  type SubscriptionMessage,
} from '../event-store.port.js';
import { EventStoreUnavailableError } from '../errors.js';
import type { AllStreamSubscription, EsdbClient, EsdbFilter, ResolvedEvent } from './esdb-client.js';
import { classify, fromResolved, mapError } from './mapping.js';

export interface ResubscribeOptions {
  /** Consecutive failed attempts before the iterator throws EventStoreUnavailableError. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RESUBSCRIBE: ResubscribeOptions = { maxAttempts: 8, initialDelayMs: 100, maxDelayMs: 5_000 };
export const DEFAULT_CHECKPOINT_INTERVAL = 32;
/**
 * Events the server considers per page of a filtered subscription while it catches up. It checkpoints
 * once per window × multiplier events, so the window is the catch-up checkpoint interval too: a rebuild
 * over 1,000,000 events costs ~1,000 server pages and checkpoint messages, not one per event.
 */
export const DEFAULT_SEARCH_WINDOW = 1_024;

// Above this many undelivered messages the gRPC stream is paused, so a slow consumer of a long
// history pushes back on the server (HTTP/2 flow control) instead of buffering it all here.
const HIGH_WATER = 256;
const LOW_WATER = 64;

type Item = SubscriptionMessage | { readonly kind: 'error'; readonly error: unknown };

class EndedByServer extends Error {}
/** A subscription call accepted but not confirmed in time: a hung node, treated like a dropped one. */
class Unconfirmed extends Error {}

export interface EsdbSubscriptionDeps {
  readonly client: EsdbClient;
  readonly options: SubscribeToAllOptions;
  readonly resubscribe: ResubscribeOptions;
  /** The current end of $all, so that a subscription "from end" has a concrete position to resume from. */
  readonly endOfAll: () => Promise<Position | 'start'>;
  readonly onClose: (subscription: EsdbSubscription) => void;
  /** Set when the store is already closed: the subscription reports it on first use instead of connecting. */
  readonly failure?: Error;
  /** Runs before every (re)connection: the server version check. */
  readonly beforeConnect: () => Promise<void>;
  /** Longest wait for the server to confirm a subscription call. */
  readonly confirmWithinMs: number;
  /** The filter window while catching up (see DEFAULT_SEARCH_WINDOW). */
  readonly searchWindow: number;
  /** Told of every resubscription, for the log. */
  readonly onResubscribe?: (reason: unknown, attempt: number, delayMs: number) => void;
}

/**
 * The port's catch-up subscription over `subscribeToAll` of @eventstore/db-client 6.2.1, which
 * has no resubscription of its own: after a dropped connection, a reset stream (INTERNAL), a node
 * that is not ready or a call the server never confirms, this class subscribes again from the last
 * position it received (event or checkpoint), with exponential backoff, and gives up with
 * EventStoreUnavailableError after `maxAttempts` consecutive failures.
 *
 * A filtered subscription catches up with the server's search window as its checkpoint interval
 * (few, cheap pages) and, once caught up, subscribes again from where it is with the port's own
 * interval, so that live checkpoints come as often as the caller asked.
 */
export class EsdbSubscription implements Subscription {
  private readonly queue: Item[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly checkpointInterval: number;
  private origin: Position | 'start' | 'end';
  private current: AllStreamSubscription | undefined;
  private closed = false;
  private stopped = false;
  private paused = false;
  private lastEvent: Position | undefined;
  private lastCheckpoint: Position | undefined;
  private caughtUpSent = false;
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private confirmTimer: NodeJS.Timeout | undefined;
  /** Subscribed with the live settings (after the first caught_up). */
  private live = false;
  private eventsSinceCheckpoint = 0;
  /** 'data' events seen on the current client subscription. */
  private received = 0;
  /**
   * caughtUp and checkpoints reach us synchronously from the client's transform, possibly
   * while earlier events still sit in its readable buffer; each waits for those events.
   */
  private markers: { after: number; message: SubscriptionMessage }[] = [];

  constructor(private readonly deps: EsdbSubscriptionDeps) {
    this.origin = deps.options.fromPosition ?? 'start';
    this.checkpointInterval = Math.max(1, deps.options.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL);
    if (deps.failure) this.fail(deps.failure);
    else void this.connect();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.confirmTimer);
    this.queue.length = 0;
    this.wake();
    this.deps.onClose(this);
    const sub = this.current;
    this.current = undefined;
    if (sub) await release(sub, true);
  }

  /**
   * The store is closing: stop reconnecting and let go of the client's subscription (the
   * client's dispose() cancels its call). The consumer keeps waiting until abort().
   */
  detach(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.confirmTimer);
    const sub = this.current;
    this.current = undefined;
    if (sub) void release(sub, false);
  }

  /** Ends the subscription from the store's side: the consumer gets `error` after what is already queued. */
  abort(error: Error): void {
    if (this.closed) return;
    this.detach();
    this.fail(error);
    this.deps.onClose(this);
  }

  private async next(): Promise<IteratorResult<SubscriptionMessage>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const item = this.queue.shift();
      if (item) {
        if (this.paused && this.queue.length <= LOW_WATER) {
          this.paused = false;
          this.current?.resume();
        }
        if (item.kind === 'error') {
          await this.close();
          throw item.error;
        }
        return { done: false, value: item };
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.deps.beforeConnect();
    } catch (error) {
      this.dropped(error);
      return;
    }
    if (this.stopped) return;
    let from = this.resumePoint();
    if (from === 'end') {
      try {
        from = await this.deps.endOfAll();
      } catch (error) {
        this.dropped(error);
        return;
      }
      if (this.stopped) return;
      this.origin = from;
    }
    let sub: AllStreamSubscription;
    try {
      sub = this.deps.client.subscribeToAll({ fromPosition: from, filter: this.filter() });
    } catch (error) {
      this.dropped(error);
      return;
    }
    this.current = sub;
    this.received = 0;
    this.markers = [];
    this.paused = false;
    clearTimeout(this.confirmTimer);
    this.confirmTimer = setTimeout(
      () => this.onDropped(sub, new Unconfirmed(`EventStoreDB did not confirm the subscription within ${this.deps.confirmWithinMs} ms`)),
      this.deps.confirmWithinMs,
    );
    const confirmed = (): void => {
      if (sub === this.current) clearTimeout(this.confirmTimer);
    };
    sub.on('data', (resolved: ResolvedEvent) => {
      confirmed();
      this.onData(sub, resolved);
    });
    sub.on('caughtUp', () => {
      confirmed();
      this.onMarker(sub, { kind: 'caughtUp' });
    });
    sub.on('confirmation', () => {
      confirmed();
      if (sub === this.current) this.attempts = 0;
    });
    sub.on('error', (error: Error) => this.onDropped(sub, error));
    sub.on('end', () => this.onDropped(sub, new EndedByServer('EventStoreDB ended the subscription')));
  }

  private filter(): EsdbFilter | undefined {
    const filter = this.deps.options.filter;
    if (!filter) return undefined;
    const checkpointReached = (sub: AllStreamSubscription, position: Position): void =>
      this.onMarker(sub, { kind: 'checkpoint', position });
    // EventStoreDB checkpoints every maxSearchWindow × checkpointInterval (the multiplier) events
    // considered. Catching up, the window is the search window; live, it is the port's interval.
    const window = this.live ? this.checkpointInterval : Math.max(this.checkpointInterval, this.deps.searchWindow);
    const common = { filterOn: filter.on, checkpointInterval: 1, maxSearchWindow: window, checkpointReached };
    return 'prefixes' in filter ? { ...common, prefixes: [...filter.prefixes] } : { ...common, regex: filter.regex };
  }

  private resumePoint(): Position | 'start' | 'end' {
    const { lastEvent, lastCheckpoint } = this;
    if (lastEvent && lastCheckpoint) return comparePositions(lastEvent, lastCheckpoint) >= 0 ? lastEvent : lastCheckpoint;
    return lastEvent ?? lastCheckpoint ?? this.origin;
  }

  private onData(sub: AllStreamSubscription, resolved: ResolvedEvent): void {
    if (sub !== this.current) return;
    this.received++;
    const event = fromResolved(resolved);
    // After a resubscription the server starts strictly after our last position; the guard
    // only matters if a server repeats itself.
    if (event && (!this.lastEvent || comparePositions(event.position, this.lastEvent) > 0)) {
      this.push({ kind: 'event', event });
      this.lastEvent = event.position;
      this.attempts = 0;
      // Without a filter the server sends no checkpoints; every event read is delivered, so
      // the port's "checkpoint at least every N events read" is kept here.
      if (!this.deps.options.filter && ++this.eventsSinceCheckpoint >= this.checkpointInterval) {
        this.eventsSinceCheckpoint = 0;
        this.pushCheckpoint(event.position);
      }
    }
    this.flushMarkers();
    if (!this.paused && this.queue.length >= HIGH_WATER) {
      this.paused = true;
      sub.pause();
    }
  }

  private onMarker(sub: AllStreamSubscription, message: SubscriptionMessage): void {
    if (sub !== this.current) return;
    this.markers.push({ after: this.received + sub.readableLength, message });
    this.flushMarkers();
  }

  private flushMarkers(): void {
    while (this.markers.length > 0 && this.markers[0]!.after <= this.received) {
      const { message } = this.markers.shift()!;
      if (message.kind === 'checkpoint') {
        this.pushCheckpoint(message.position);
        this.eventsSinceCheckpoint = 0;
      } else if (message.kind === 'caughtUp' && !this.caughtUpSent) {
        // The server says caught_up again after every resubscription and after falling behind;
        // the port promises it once.
        this.caughtUpSent = true;
        this.push(message);
        this.goLive();
      }
    }
  }

  /** Subscribes again from here with the live checkpoint interval, if catching up used another. */
  private goLive(): void {
    if (this.live) return;
    this.live = true;
    if (!this.deps.options.filter || this.checkpointInterval >= this.deps.searchWindow) return;
    const sub = this.current;
    if (!sub || this.stopped) return;
    this.current = undefined;
    void release(sub, true);
    void this.connect();
  }

  private pushCheckpoint(position: Position): void {
    if (this.lastCheckpoint && comparePositions(position, this.lastCheckpoint) <= 0) return;
    if (this.lastEvent && comparePositions(position, this.lastEvent) < 0) return;
    this.lastCheckpoint = position;
    this.attempts = 0;
    this.push({ kind: 'checkpoint', position });
  }

  private onDropped(sub: AllStreamSubscription, error: Error): void {
    if (sub !== this.current || this.stopped) return;
    this.current = undefined;
    // A hung call is still open on the server: cancel it. Anything else has ended already.
    void release(sub, error instanceof Unconfirmed);
    this.dropped(error);
  }

  private dropped(error: unknown): void {
    if (this.stopped) return;
    clearTimeout(this.confirmTimer);
    const transient = error instanceof EndedByServer || error instanceof Unconfirmed || classify(error) !== 'final';
    if (!transient) {
      this.fail(mapError(error));
      return;
    }
    this.attempts++;
    if (this.attempts > this.deps.resubscribe.maxAttempts) {
      const reason = error instanceof Error ? error.message : String(error);
      this.fail(
        new EventStoreUnavailableError(
          `Subscription to $all lost; no reconnection after ${this.deps.resubscribe.maxAttempts} attempts (${reason})`,
          { cause: error },
        ),
      );
      return;
    }
    const { initialDelayMs, maxDelayMs } = this.deps.resubscribe;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** (this.attempts - 1));
    this.deps.onResubscribe?.(error, this.attempts, delay);
    this.timer = setTimeout(() => void this.connect(), delay);
  }

  private fail(error: unknown): void {
    this.stopped = true;
    this.queue.push({ kind: 'error', error });
    this.wake();
  }

  private push(message: SubscriptionMessage): void {
    this.queue.push(message);
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** Detach from a client subscription; cancel its call if it may still be running. */
async function release(sub: AllStreamSubscription, cancel: boolean): Promise<void> {
  for (const name of ['data', 'caughtUp', 'confirmation', 'error', 'end']) sub.removeAllListeners(name);
  // A late error from a released call must not become an unhandled 'error' event.
  sub.on('error', () => undefined);
  if (!cancel) return;
  try {
    await sub.unsubscribe();
  } catch {
    // The call never started (no connection): nothing to cancel.
  }
}
