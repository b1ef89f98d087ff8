import { comparePositions, type EventFilter, type Position, type ReadAllOptions, type RecordedEvent } from '../event-store.port.js';
import { StreamNotFoundError } from '../errors.js';
import type { Deadline } from './call-policy.js';
import { ErrorType, isCommandError } from './esdb-client.js';
import { readAllPaged, readStreamEvents, type ReadContext } from './paged-reads.js';
import type { ServerInfo } from './server-version.js';

/**
 * Category and correlation reads, answered from the cheapest source the server has, always completed by
 * a server-filtered read of $all past what that source covers (indexes and projections lag behind writes):
 *
 * 1. KurrentDB 25.1+ secondary indexes: `$idx-ce-<category>`, read through a filtered $all read;
 * 2. the system projections' link streams, `$ce-<category>` ($by_category) and `$bc-<id>`
 *    ($by_correlation_id), read with link resolution;
 * 3. $all with a server-side filter: a stream-name prefix for categories; for correlation ids, which
 *    no server filter can see (they are in the metadata), every non-system event, checked here.
 *
 * Which sources a server has is learnt once: an index or projection found missing is not asked again.
 */
export interface IndexedReadState {
  secondaryIndexes: boolean;
  /** Logged once when a correlation read has to look through the whole log. */
  warnedCorrelationScan: boolean;
}

const NON_SYSTEM: EventFilter = { on: 'eventType', regex: '^[^$].*' };

export async function readCategory(
  ctx: ReadContext,
  deadline: Deadline,
  server: ServerInfo | undefined,
  state: IndexedReadState,
  category: string,
  options: Omit<ReadAllOptions, 'filter'>,
): Promise<RecordedEvent[]> {
  const filter: EventFilter = { on: 'streamName', prefixes: [`${category}-`] };
  const forwards = (options.direction ?? 'forwards') === 'forwards';
  // Index and projection name the category by the part before the first '-', as readCategory does only
  // for names without one; they are read forwards (backwards, the newest events may not be indexed yet).
  if (forwards && !category.includes('-')) {
    if (state.secondaryIndexes && server?.secondaryIndexes) {
      try {
        const indexed = await readAllPaged(ctx, deadline, { ...options, filter: { on: 'streamName', prefixes: [`$idx-ce-${category}`] } });
        return await withTail(ctx, deadline, indexed, options, filter);
      } catch (error) {
        if (!isIndexNotFound(error)) throw error;
        state.secondaryIndexes = false; // indexing is switched off on this server
      }
    }
    if ((options.fromPosition ?? 'start') === 'start') {
      const linked = await linkedEvents(ctx, deadline, `$ce-${category}`, options.maxCount);
      if (linked) return withTail(ctx, deadline, linked, options, filter);
    }
  }
  return readAllPaged(ctx, deadline, { ...options, filter });
}

export async function readByCorrelationId(
  ctx: ReadContext,
  deadline: Deadline,
  state: IndexedReadState,
  correlationId: string,
  warn: (message: string) => void,
): Promise<RecordedEvent[]> {
  const matches = (e: RecordedEvent): boolean => correlationOf(e) === correlationId;
  const linked = await linkedEvents(ctx, deadline, `$bc-${correlationId}`, undefined);
  if (!linked && !state.warnedCorrelationScan) {
    state.warnedCorrelationScan = true;
    warn('EventStoreDB has no $by_correlation_id projection output: correlation reads look through every non-system event of the log');
  }
  const last = linked?.[linked.length - 1]?.position;
  const tail = await readAllPaged(ctx, deadline, { fromPosition: last ?? 'start', filter: NON_SYSTEM });
  return [...(linked ?? []), ...tail.filter((e) => matches(e) && (!last || comparePositions(e.position, last) > 0))];
}

/** What the projection has indexed, or undefined when its stream is missing or its links lack positions. */
async function linkedEvents(
  ctx: ReadContext,
  deadline: Deadline,
  stream: string,
  maxCount: number | undefined,
): Promise<RecordedEvent[] | undefined> {
  let read;
  try {
    read = await readStreamEvents(ctx, deadline, stream, {
      resolveLinks: true,
      requiresLeader: false,
      ...(maxCount !== undefined ? { maxCount } : {}),
    });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  const events = new Map<string, RecordedEvent>();
  for (const { event, link } of read) {
    if (!event) continue; // the linked event's stream was deleted
    // A resolved event needs its own $all position for the global order and the tail.
    if (link && comparePositions(event.position, link.position) === 0) return undefined;
    events.set(`${event.position.commit}/${event.position.prepare}`, event);
  }
  return [...events.values()].sort((a, b) => comparePositions(a.position, b.position));
}

/** The events after the last one a source had, read from $all with the server-side filter. */
async function withTail(
  ctx: ReadContext,
  deadline: Deadline,
  head: RecordedEvent[],
  options: Omit<ReadAllOptions, 'filter'>,
  filter: EventFilter,
): Promise<RecordedEvent[]> {
  const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (head.length >= wanted) return head.slice(0, wanted);
  const last: Position | undefined = head[head.length - 1]?.position;
  const from = last ?? options.fromPosition ?? 'start';
  const more = await readAllPaged(ctx, deadline, {
    fromPosition: from,
    filter,
    ...(Number.isFinite(wanted) ? { maxCount: wanted - head.length + (last ? 1 : 0) } : {}),
  });
  return [...head, ...more.filter((e) => !last || comparePositions(e.position, last) > 0)].slice(0, wanted);
}

function isIndexNotFound(error: unknown): boolean {
  if (!(error instanceof Error) || !isCommandError(error)) return false;
  const type: string = error.type;
  if (type !== String(ErrorType.NOT_FOUND) && type !== String(ErrorType.UNKNOWN)) return false;
  const raw = (error as { _raw?: { metadata?: { get(key: string): unknown[] } } })._raw;
  return raw?.metadata?.get('exception').some((v) => String(v) === 'index-not-found') ?? /Index '.*' not found/.test(error.message);
}

function correlationOf(event: RecordedEvent): unknown {
  const m = event.metadata;
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? m.$correlationId : undefined;
}
