import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { StreamNotFoundError, WrongExpectedVersionError } from '../../../platform/event-store/errors.js';
import type { EventStore, ExpectedRevision } from '../../../platform/event-store/event-store.port.js';
import type { DeliveryLease, LeaseHandle } from './lease.js';

export const LEASE_ACQUIRED = 'DeliveryLeaseAcquired';
export const LEASE_RELEASED = 'DeliveryLeaseReleased';
/** Lease events kept readable (EventStoreDB scavenges the rest). */
export const LEASE_STREAM_MAX_COUNT = 20;

export function leaseStreamName(subscriberId: string): string {
  return `lease-delivery-${subscriberId}`;
}

interface LeaseData {
  readonly holder: string;
  readonly expiresAt: string;
}

export interface EventStoreLeaseOptions {
  readonly ttlMs: number;
  /** Identifies this process in the lease stream; unique per process by default. */
  readonly holder?: string;
  readonly now?: () => number;
}

/**
 * A lease kept in the log itself, for processes that share one store: `lease-delivery-<id>`
 * holds `DeliveryLeaseAcquired {holder, expiresAt}` events, each appended with the revision its
 * writer last read, so of two processes racing for a free or expired lease exactly one append
 * succeeds. The holder renews every third of the TTL with its own last revision; any other
 * write in between (a takeover) makes the renewal fail and the holder stop. A holder that cannot
 * renew stops a tenth of the TTL before expiry, so two deliverers never overlap as long as
 * clocks agree to within that margin. A graceful stop appends `DeliveryLeaseReleased`, so the
 * next process need not wait for the expiry.
 */
export class EventStoreLease implements DeliveryLease {
  private readonly holder: string;
  private readonly now: () => number;

  constructor(
    private readonly store: EventStore,
    private readonly options: EventStoreLeaseOptions,
  ) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    this.now = options.now ?? Date.now;
  }

  async acquire(subscriberId: string, stop: AbortSignal): Promise<LeaseHandle | undefined> {
    const stream = leaseStreamName(subscriberId);
    while (!stop.aborted) {
      const attempt = await this.tryTake(stream);
      if (attempt.taken) {
        await this.keepShort(stream);
        return this.hold(stream, attempt.revision, attempt.expiresAt);
      }
      await sleep(Math.min(this.options.ttlMs / 2, Math.max(10, attempt.freeAt - this.now())), stop);
    }
    return undefined;
  }

  private async tryTake(stream: string): Promise<{ taken: true; revision: bigint; expiresAt: number } | { taken: false; freeAt: number }> {
    let expected: ExpectedRevision = 'no_stream';
    try {
      const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      if (last !== undefined) {
        expected = last.revision;
        const data = last.data as unknown as LeaseData;
        const expiresAt = Date.parse(data.expiresAt);
        if (last.type === LEASE_ACQUIRED && data.holder !== this.holder && expiresAt > this.now())
          return { taken: false, freeAt: expiresAt };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    try {
      const expiresAt = this.now() + this.options.ttlMs;
      const revision = await this.append(stream, LEASE_ACQUIRED, expiresAt, expected);
      return { taken: true, revision, expiresAt };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return { taken: false, freeAt: this.now() };
      throw error;
    }
  }

  /** A renewal every third of the TTL would grow the stream forever; only the last events matter. */
  private async keepShort(stream: string): Promise<void> {
    const { metadata } = await this.store.getStreamMetadata(stream);
    if (metadata?.maxCount !== LEASE_STREAM_MAX_COUNT)
      await this.store.setStreamMetadata(stream, { ...metadata, maxCount: LEASE_STREAM_MAX_COUNT });
  }

  private hold(stream: string, revision: bigint, expiresAt: number): LeaseHandle {
    const lost = new AbortController();
    const margin = this.options.ttlMs / 10;
    let current = revision;
    let validUntil = expiresAt;
    let renewing: Promise<void> = Promise.resolve();
    const renew = async (): Promise<void> => {
      try {
        const next = this.now() + this.options.ttlMs;
        current = await this.append(stream, LEASE_ACQUIRED, next, current);
        validUntil = next;
      } catch (error) {
        // Taken over: stop now. The store unreachable: keep trying until the lease runs out.
        if (error instanceof WrongExpectedVersionError || this.now() >= validUntil - margin) lost.abort(error);
      }
    };
    const timer = setInterval(() => {
      if (this.now() >= validUntil - margin) lost.abort(new Error('lease expired before it could be renewed'));
      if (!lost.signal.aborted) renewing = renewing.then(renew);
    }, this.options.ttlMs / 3);
    timer.unref();
    lost.signal.addEventListener('abort', () => clearInterval(timer));
    return {
      lost: lost.signal,
      release: async () => {
        clearInterval(timer);
        await renewing;
        if (lost.signal.aborted) return;
        lost.abort(new Error('released'));
        await this.append(stream, LEASE_RELEASED, this.now(), current).catch(() => undefined);
      },
    };
  }

  private async append(stream: string, type: string, expiresAt: number, expectedRevision: ExpectedRevision): Promise<bigint> {
    const data: LeaseData = { holder: this.holder, expiresAt: new Date(expiresAt).toISOString() };
    const result = await this.store.appendToStream(stream, [{ id: randomUUID(), type, data: { ...data } }], { expectedRevision });
    return result.nextExpectedRevision;
  }
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  if (stop.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done);
  });
}
