/**
 * Who may deliver for a subscriber. Delivering from two processes at once would break the
 * per-article order (and double every request), so a worker only runs while it holds its
 * subscriber's lease, and stops when the lease is lost.
 *
 * The state a deliverer works from is the webhook ledger in the log (ledger/), which every
 * instance folds alike; the lease only decides who sends. `ProcessLease` is for one API process
 * per event store; `EventStoreLease` (REDAKSI_WEBHOOK_LEASE=log) for several.
 */
export interface DeliveryLease {
  /** Resolves with the lease once this process may deliver, or undefined if `stop` fired first. */
  acquire(subscriberId: string, stop: AbortSignal): Promise<LeaseHandle | undefined>;
}

export interface LeaseHandle {
  /** Aborts when the lease is lost (expired, taken over); the worker stops delivering. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export const DELIVERY_LEASE = Symbol('DeliveryLease');

export class ProcessLease implements DeliveryLease {
  private readonly held = new Set<string>();

  acquire(subscriberId: string, stop: AbortSignal): Promise<LeaseHandle | undefined> {
    if (stop.aborted) return Promise.resolve(undefined);
    // Two workers for one subscriber in one process is a bug in the supervisor, not contention.
    if (this.held.has(subscriberId)) return Promise.reject(new Error(`Subscriber ${subscriberId} already has a worker`));
    this.held.add(subscriberId);
    const lost = new AbortController();
    return Promise.resolve({
      lost: lost.signal,
      release: () => {
        this.held.delete(subscriberId);
        return Promise.resolve();
      },
    });
  }
}
