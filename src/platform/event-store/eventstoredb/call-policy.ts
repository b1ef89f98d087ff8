import { randomInt } from 'node:crypto';
import { EventStoreDeadlineExceededError, EventStoreUnavailableError } from '../errors.js';
import { classify, mapError, type ErrorContext } from './mapping.js';

/**
 * How long one operation of the port may take, and how long it keeps retrying what failed on the way
 * rather than on its merits (a dropped connection, a node that is not ready or not the leader, a reset
 * stream). Client 6.2.1 puts no deadline on reads and subscriptions and its appends wait on the server
 * without a timer of their own, so the adapter holds the deadline: each call gets the time that is left,
 * a call still running at the deadline is cancelled (or, for a batched append, abandoned: the server
 * drops it at the same deadline, which the adapter sends with it), and the operation fails with
 * EventStoreDeadlineExceededError (503 with Retry-After).
 */
export interface CallPolicy {
  /** Longest one operation (all its pages and retries) may take. Default 10,000 ms, the client's defaultDeadline. */
  readonly deadlineMs: number;
  /**
   * How long an idempotent operation keeps retrying after its first transient failure, within the
   * deadline. Default 5,000 ms: longer than a leader election, which takes a few seconds.
   */
  readonly retryBudgetMs: number;
}

export const DEFAULT_DEADLINE_MS = 10_000;
export const DEFAULT_RETRY_BUDGET_MS = 5_000;

const FIRST_RETRY_MS = 50;
const LONGEST_RETRY_MS = 1_000;

/** The clock of one operation, shared by its pages and retries. */
export class Deadline {
  private readonly at: number;

  constructor(
    readonly operation: string,
    readonly policy: CallPolicy,
  ) {
    this.at = Date.now() + policy.deadlineMs;
  }

  remainingMs(): number {
    return this.at - Date.now();
  }

  exceeded(cause?: unknown): EventStoreDeadlineExceededError {
    return new EventStoreDeadlineExceededError(this.operation, this.policy.deadlineMs, cause === undefined ? undefined : { cause });
  }
}

export interface CallOptions {
  /** Safe to repeat: reads, and appends (event ids make a repeated append write once). */
  readonly idempotent: boolean;
  readonly context?: ErrorContext;
  /** Told of each retry, e.g. to log it. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Runs one call (one page, one append) under the operation's deadline. `attempt` receives the time
 * left and a signal that fires when the deadline passes; it should cancel its gRPC call then.
 */
export async function call<T>(
  deadline: Deadline,
  options: CallOptions,
  attempt: (remainingMs: number, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  let failures = 0;
  let firstFailureAt: number | undefined;
  for (;;) {
    const remaining = deadline.remainingMs();
    if (remaining <= 0) throw deadline.exceeded();
    let error: unknown;
    try {
      return await withinDeadline(deadline, remaining, attempt);
    } catch (caught) {
      error = caught;
    }
    if (error instanceof EventStoreDeadlineExceededError) throw error;
    const kind = classify(error);
    if (kind === 'deadline') throw deadline.exceeded(error);
    if (kind === 'final') throw mapError(error, options.context);
    const unavailable = new EventStoreUnavailableError(`EventStoreDB unavailable: ${messageOf(error)}`, { cause: error });
    if (!options.idempotent) throw unavailable;
    failures++;
    firstFailureAt ??= Date.now();
    const delay = retryDelay(failures);
    const spent = Date.now() + delay - firstFailureAt;
    if (spent > deadline.policy.retryBudgetMs || delay >= deadline.remainingMs()) throw unavailable;
    options.onRetry?.(error, failures, delay);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Exponential, with half of each step random so that many clients do not retry in step. */
export function retryDelay(failures: number): number {
  const step = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
  return Math.ceil(step / 2) + randomInt(Math.ceil(step / 2) + 1);
}

async function withinDeadline<T>(
  deadline: Deadline,
  remaining: number,
  attempt: (remainingMs: number, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(deadline.exceeded());
    }, remaining);
  });
  const running = attempt(remaining, controller.signal);
  // An abandoned attempt may still fail later; that failure has nobody to tell.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
