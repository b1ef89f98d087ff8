import {
  comparePositions,
  type Direction,
  type EventFilter,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../event-store.port.js';
import { call, type CallPolicy, type Deadline } from './call-policy.js';
import type { ClientInternals } from './grpc/client-internals.js';
import { readCall } from './grpc/read-call.js';
import { allReadRequest, streamReadRequest } from './grpc/read-request.js';
import type { ReadEvent } from './grpc/read-response.js';

/**
 * Reads in pages: every call asks the server for at most `pageSize` events, so no read is unbounded
 * on the wire (client 6.2.1's default count is 2^53-1), and each page runs under the operation's
 * deadline with its own retries. Filters on $all are applied by the server: only matching events
 * travel, however much of the log it has to look through.
 */
export interface ReadContext {
  readonly internals: ClientInternals;
  readonly policy: CallPolicy;
  readonly pageSize: number;
  /** The filter's `max` on $all reads: events the server considers per page of its own. */
  readonly searchWindow: number;
  readonly onRetry: (operation: string) => (error: unknown, attempt: number, delayMs: number) => void;
}

export interface StreamPagesOptions extends ReadStreamOptions {
  readonly resolveLinks?: boolean;
}

/** A stream's events in pages; with resolveLinks, each as read (the linked event and the link). */
export async function readStreamEvents(
  ctx: ReadContext,
  deadline: Deadline,
  stream: string,
  options: StreamPagesOptions,
): Promise<ReadEvent[]> {
  const direction = options.direction ?? 'forwards';
  const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
  const out: ReadEvent[] = [];
  let from: 'start' | 'end' | bigint = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
  while (out.length < wanted) {
    const count = Math.min(ctx.pageSize, wanted - out.length);
    const request = streamReadRequest({ stream, direction, from, count, resolveLinks: options.resolveLinks ?? false });
    const page = await call(
      deadline,
      { idempotent: true, context: { stream }, onRetry: ctx.onRetry(deadline.operation) },
      (remainingMs, signal) =>
        readCall(ctx.internals, request, { requiresLeader: options.requiresLeader ?? true, deadlineMs: remainingMs, signal }, stream),
    );
    out.push(...page);
    const last = page[page.length - 1];
    if (page.length < count || !last) break;
    // Pages go by the revision in the stream read: the link's when links are resolved.
    const revision = (last.link ?? last.event)?.revision;
    if (revision === undefined) break;
    if (direction === 'backwards' && revision === 0n) break;
    from = direction === 'forwards' ? revision + 1n : revision - 1n;
  }
  return out;
}

export async function readStreamPaged(
  ctx: ReadContext,
  deadline: Deadline,
  stream: string,
  options: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  const read = await readStreamEvents(ctx, deadline, stream, options);
  return read.flatMap((r) => (r.event ? [r.event] : []));
}

/**
 * $all in pages, filtered by the server. Going forwards a page starts at the previous page's last
 * event (reads of $all include their start); going backwards the server starts just before the
 * position it is given, so a backwards read from a position fetches the event at that position first,
 * to include it as the port promises.
 */
export async function readAllPaged(ctx: ReadContext, deadline: Deadline, options: ReadAllOptions): Promise<RecordedEvent[]> {
  const direction: Direction = options.direction ?? 'forwards';
  const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
  const start = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
  const out: RecordedEvent[] = [];
  if (direction === 'backwards' && typeof start === 'object' && wanted > 0) {
    const [atStart] = await allPage(ctx, deadline, { direction: 'forwards', from: start, count: 1, filter: options.filter }, options);
    if (atStart && comparePositions(atStart.position, start) === 0) out.push(atStart);
  }
  let from: 'start' | 'end' | Position = start;
  let last: Position | undefined = typeof start === 'object' && direction === 'backwards' ? start : undefined;
  while (out.length < wanted) {
    // One more than needed when the page starts at an event already taken.
    const count = Math.min(ctx.pageSize, wanted - out.length + (last ? 1 : 0));
    const page = await allPage(ctx, deadline, { direction, from, count, filter: options.filter }, options);
    for (const event of page) {
      if (last && (direction === 'forwards' ? comparePositions(event.position, last) <= 0 : comparePositions(event.position, last) >= 0))
        continue;
      out.push(event);
      last = event.position;
      if (out.length >= wanted) break;
    }
    const tail = page[page.length - 1];
    if (page.length < count || !tail) break;
    from = tail.position;
    last ??= tail.position;
  }
  return out;
}

async function allPage(
  ctx: ReadContext,
  deadline: Deadline,
  page: { direction: Direction; from: 'start' | 'end' | Position; count: number; filter: EventFilter | undefined },
  options: ReadAllOptions,
): Promise<RecordedEvent[]> {
  const request = allReadRequest({ ...page, ...(page.filter ? { filter: page.filter } : {}), searchWindow: ctx.searchWindow });
  const read = await call(deadline, { idempotent: true, onRetry: ctx.onRetry(deadline.operation) }, (remainingMs, signal) =>
    readCall(ctx.internals, request, { requiresLeader: options.requiresLeader ?? false, deadlineMs: remainingMs, signal }),
  );
  return read.flatMap((r) => (r.event ? [r.event] : []));
}
