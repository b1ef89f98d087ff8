/**
 * TEST-ONLY. Streams.Read of the EventStoreDB test server, on top of an EventStore (the port):
 *
 * - stream reads and $all reads, with server-side filters, as Streams.Read serves them (count = the
 *   most events to return, whatever the filter skipped; backwards from a position, the event at that
 *   position is not included);
 * - KurrentDB 25.1's secondary index reads: a filtered $all read whose only stream prefix is an index
 *   name (`$idx-ce-<category>`, `$idx-et-<type>`), when the server has them;
 * - $all subscriptions as Enumerator.AllSubscriptionFiltered runs them: a confirmation, history, a
 *   checkpoint whenever window × multiplier events have been considered (matching or not) and one at
 *   the end of history, `caught_up`, then live events and checkpoints; after falling behind, a
 *   checkpoint, history again and a second `caught_up` (`fell_behind` itself only when asked to
 *   announce it: servers up to 25.1 keep it to themselves);
 * - stream subscriptions, link resolution (`$>`), stream-not-found as a message.
 * See esdb-test-server.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import { type EventFilter, type Position, type RecordedEvent, type Subscription } from '../../src/platform/event-store/event-store.port.js';
import { StreamNotFoundError } from '../../src/platform/event-store/errors.js';
import { backingPosition } from './positions.js';
import { gate, requiresLeader, resetStream, type OpenSubscription, type ServerContext, type SentCounts } from './server-context.js';
import { position, readEvent, streamIdentifier, streamName, streamsPb, toStatus } from './wire.js';

type Call = ServerWritableStream<ReadReq, ReadResp>;

/** Enumerator.DefaultReadBatchSize: the window when the client sends `count` instead of `max`. */
export const DEFAULT_SEARCH_WINDOW = 32;
const INDEX_PREFIX = '$idx-';

export function readHandler(ctx: ServerContext) {
  return (call: Call): void => {
    const reply = new Reply(call, ctx.stats.sent);
    const options = call.request.getOptions();
    const subscription = options?.hasSubscription() ?? false;
    const leader = requiresLeader(call.metadata);
    if (subscription) ctx.stats.subscriptions++;
    else ctx.stats.calls.read = (ctx.stats.calls.read ?? 0) + 1;
    if (leader && !subscription) ctx.stats.leaderReads++;
    const stream = options?.getStream();
    const info = {
      method: subscription ? ('subscribe' as const) : ('read' as const),
      requiresLeader: leader,
      ...(stream ? { stream: streamName(stream.getStreamIdentifier()) } : {}),
    };
    gate(ctx, info, {
      call,
      fail: (status) => reply.status(status),
      cancelled: () => reply.cancelled,
      onCancel: (listener) => reply.onCancel(listener),
    })
      .then((proceed) => (proceed ? handle(ctx, call, reply) : undefined))
      .then(
        () => reply.end(),
        (error: unknown) => reply.fail(error),
      );
  };
}

async function handle(ctx: ServerContext, call: Call, reply: Reply): Promise<void> {
  const { store, positions } = ctx;
  const options = call.request.getOptions();
  if (!options) throw new Error('read without options');
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const resolveLinks = options.getResolveLinks();
  const send = async (event: RecordedEvent): Promise<void> => {
    const target = resolveLinks ? await resolveLink(ctx, event) : undefined;
    await reply.send(target ? readEvent(target, structuredIds, positions, event) : readEvent(event, structuredIds, positions));
  };
  const stream = options.getStream();
  const all = options.getAll();
  const subscription = options.hasSubscription();
  const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
  const direction = backwards ? 'backwards' : 'forwards';
  const maxCount = options.hasCount() ? Number(BigInt(options.getCount())) : undefined;

  if (stream && !subscription) {
    const name = streamName(stream.getStreamIdentifier());
    const fromRevision = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasEnd() ? 'end' : 'start';
    let events: RecordedEvent[];
    try {
      events = await store.readStream(name, { direction, fromRevision, maxCount });
    } catch (error) {
      // A missing stream is a message in the body, then a normal end of the call.
      if (!(error instanceof StreamNotFoundError)) throw error;
      const notFound = new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
      await reply.send(new streamsPb.ReadResp().setStreamNotFound(notFound));
      return;
    }
    for (const event of events) await send(event);
    return;
  }

  if (all && !subscription) {
    const pos = all.getPosition();
    const fromPosition = pos
      ? backingPosition(
          backwards
            ? positions.lastEndingAtOrBefore(position(pos.getCommitPosition(), pos.getPreparePosition()))
            : positions.firstAtOrAfter(position(pos.getCommitPosition(), pos.getPreparePosition())),
        )
      : all.hasEnd()
        ? 'end'
        : 'start';
    const { filter } = filterOf(options);
    const index = filter && ctx.secondaryIndexes ? indexOf(filter) : undefined;
    if (index === null) {
      reply.status(indexNotFound(filter && 'prefixes' in filter ? (filter.prefixes[0] ?? '') : ''));
      return;
    }
    const events = index
      ? await readIndex(ctx, index, { direction, fromPosition, maxCount })
      : await store.readAll({ direction, fromPosition, maxCount, ...(filter ? { filter } : {}) });
    for (const event of events) await send(event);
    return;
  }

  if (all) {
    const pos = all.getPosition();
    const after = pos ? backingPosition(positions.lastAtOrBefore(position(pos.getCommitPosition(), pos.getPreparePosition()))) : undefined;
    const { filter, checkpointInterval } = filterOf(options);
    await subscribeAll(ctx, reply, send, { from: after ?? (all.hasEnd() ? 'end' : 'start'), filter, checkpointInterval });
    return;
  }

  if (stream) {
    const name = streamName(stream.getStreamIdentifier());
    const filter: EventFilter = { on: 'streamName', regex: `^${escapeRegex(name)}$` };
    const after = stream.hasRevision() ? BigInt(stream.getRevision()) : undefined;
    // Start $all at the event the client last saw, when it can be found; otherwise from the
    // start of $all, skipping by revision.
    let from: Position | 'start' | 'end' = stream.hasEnd() ? 'end' : 'start';
    if (after !== undefined) {
      const [seen] = await store.readStream(name, { fromRevision: after, maxCount: 1 }).catch(() => []);
      if (seen?.revision === after) from = seen.position;
    }
    const skip = (e: RecordedEvent): boolean => after !== undefined && e.revision <= after;
    await subscribeAll(ctx, reply, (e) => (skip(e) ? Promise.resolve() : send(e)), {
      from,
      filter,
      checkpointInterval: undefined,
    });
    return;
  }

  throw new Error('read without stream or $all options');
}

interface SubscribeArgs {
  readonly from: Position | 'start' | 'end';
  readonly filter: EventFilter | undefined;
  /** window × multiplier; undefined: no checkpoints (unfiltered $all and stream subscriptions). */
  readonly checkpointInterval: number | undefined;
}

/**
 * One $all subscription. The backing store's own subscription (unfiltered) provides history, the
 * end of history and live events; this applies the filter and counts every event considered, as the
 * server does. Falling behind (on request) restarts that subscription from the last position sent.
 */
async function subscribeAll(
  ctx: ServerContext,
  reply: Reply,
  send: (event: RecordedEvent) => Promise<void>,
  { from, filter, checkpointInterval }: SubscribeArgs,
): Promise<void> {
  const matches = filter ? compile(filter) : () => true;
  let origin: Position | 'start' = from === 'end' ? await headOf(ctx) : from;
  let last: Position | undefined; // last event considered, sent or not
  let considered = 0;
  let behind: { announce: boolean } | undefined;
  let current: Subscription | undefined;

  const open: OpenSubscription = {
    reset: () => reply.reset(),
    fallBehind: (announce) => {
      behind = { announce };
      void current?.close();
    },
  };
  ctx.subscriptions.add(open);
  reply.onCancel(() => {
    void current?.close();
  });
  try {
    await reply.send(
      new streamsPb.ReadResp().setConfirmation(new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())),
    );
    for (;;) {
      if (reply.cancelled) return;
      current = ctx.store.subscribeToAll({ fromPosition: last ?? origin });
      for await (const message of current) {
        if (reply.cancelled) return;
        if (message.kind === 'event') {
          const event = message.event;
          last = event.position;
          if (matches(event)) await send(event);
          if (checkpointInterval !== undefined && ++considered >= checkpointInterval) {
            considered %= checkpointInterval;
            await reply.send(checkpoint(ctx, event.position));
          }
        } else if (message.kind === 'caughtUp') {
          // A checkpoint when going live, so that one comes within every interval.
          if (checkpointInterval !== undefined && last) await reply.send(checkpoint(ctx, last));
          await reply.send(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
        }
      }
      if (!behind) return; // the backing store closed: the call ends
      if (behind.announce) await reply.send(new streamsPb.ReadResp().setFellBehind(new streamsPb.ReadResp.FellBehind()));
      if (checkpointInterval !== undefined && last) await reply.send(checkpoint(ctx, last));
      behind = undefined;
      origin = last ?? origin;
    }
  } finally {
    ctx.subscriptions.delete(open);
    await current?.close();
  }
}

async function headOf(ctx: ServerContext): Promise<Position | 'start'> {
  const [last] = await ctx.store.readAll({ direction: 'backwards', maxCount: 1 });
  return last?.position ?? 'start';
}

function checkpoint(ctx: ServerContext, at: Position): ReadResp {
  const wire = ctx.positions.toWire(at);
  return new streamsPb.ReadResp().setCheckpoint(
    new streamsPb.ReadResp.Checkpoint().setCommitPosition(wire.commit.toString(10)).setPreparePosition(wire.prepare.toString(10)),
  );
}

function filterOf(options: ReadReq.Options): { filter?: EventFilter; checkpointInterval: number | undefined } {
  const filter = options.getFilter();
  if (!filter) return { checkpointInterval: undefined };
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  if (window < 1) throw new Error('filter window must be positive');
  // Enumerator.AllSubscriptionFiltered: a checkpoint every window × multiplier events considered.
  const checkpointInterval = window * Math.max(1, filter.getCheckpointintervalmultiplier());
  const byStream = filter.getStreamIdentifier();
  const expression = byStream ?? filter.getEventType();
  if (!expression) throw new Error('filter without an expression');
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex();
  const on = byStream ? 'streamName' : 'eventType';
  const result: EventFilter =
    on === 'streamName' ? (prefixes.length > 0 ? { on, prefixes } : { on, regex }) : prefixes.length > 0 ? { on, prefixes } : { on, regex };
  return { filter: result, checkpointInterval };
}

function compile(filter: EventFilter): (event: RecordedEvent) => boolean {
  const subject = (e: RecordedEvent): string => (filter.on === 'streamName' ? e.streamId : e.type);
  if ('prefixes' in filter) return (e) => filter.prefixes.some((p) => subject(e).startsWith(p));
  const regex = new RegExp(filter.regex);
  return (e) => regex.test(subject(e));
}

type Index = { readonly kind: 'category' | 'eventType'; readonly name: string };

/** The index a filtered read names (Streams.Read: one stream prefix, an index name); null for an unknown index. */
function indexOf(filter: EventFilter): Index | null | undefined {
  if (filter.on !== 'streamName' || !('prefixes' in filter)) return undefined;
  const name = filter.prefixes.find((p) => p.startsWith(INDEX_PREFIX));
  if (name === undefined) return undefined;
  if (filter.prefixes.length > 1) throw new Error('Index reads only work with one index name');
  if (name.startsWith('$idx-ce-')) return { kind: 'category', name: name.slice('$idx-ce-'.length) };
  if (name.startsWith('$idx-et-')) return { kind: 'eventType', name: name.slice('$idx-et-'.length) };
  return null;
}

async function readIndex(
  ctx: ServerContext,
  index: Index,
  options: { direction: 'forwards' | 'backwards'; fromPosition: Position | 'start' | 'end'; maxCount: number | undefined },
): Promise<RecordedEvent[]> {
  if (index.kind === 'category') return ctx.store.readCategory(index.name, options);
  return ctx.store.readAll({ ...options, filter: { on: 'eventType', regex: `^${escapeRegex(index.name)}$` } });
}

function indexNotFound(name: string) {
  const status = toStatus(new Error(`Index '${name}' not found.`));
  status.code = 5; // NOT_FOUND
  status.metadata.set('exception', 'index-not-found');
  status.metadata.set('index-name', name);
  return status;
}

/** Link events (`$>`) carry `<revision>@<stream>` as their data. */
async function resolveLink(ctx: ServerContext, link: RecordedEvent): Promise<RecordedEvent | undefined> {
  if (link.type !== '$>') return undefined;
  const text = link.data instanceof Uint8Array ? Buffer.from(link.data).toString('utf8') : link.data;
  const match = typeof text === 'string' ? /^(\d+)@(.+)$/s.exec(text) : null;
  if (!match) return undefined;
  const revision = BigInt(match[1]!);
  const [target] = await ctx.store.readStream(match[2]!, { fromRevision: revision, maxCount: 1 }).catch(() => []);
  return target?.revision === revision ? target : undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Writes with backpressure; notices when the client (or a server shutdown) cancels the call; counts what it sends. */
class Reply {
  cancelled = false;
  private ended = false;
  private readonly cancelListeners: (() => void)[] = [];
  private drained: (() => void) | undefined;

  constructor(
    private readonly call: Call,
    private readonly sent: SentCounts,
  ) {
    call.on('cancelled', () => {
      this.cancelled = true;
      this.drained?.();
      for (const listener of this.cancelListeners) listener();
    });
    call.on('drain', () => this.drained?.());
    // A write racing a cancellation errors the stream; the cancellation already says it all.
    call.on('error', () => undefined);
  }

  onCancel(listener: () => void): void {
    if (this.cancelled) listener();
    else this.cancelListeners.push(listener);
  }

  async send(message: ReadResp): Promise<void> {
    if (this.cancelled || this.ended) return;
    count(this.sent, message);
    if (this.call.write(message)) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = undefined;
  }

  end(): void {
    if (this.cancelled || this.ended) return;
    this.ended = true;
    this.call.end();
  }

  fail(error: unknown): void {
    this.status(toStatus(error));
  }

  status(status: ReturnType<typeof toStatus>): void {
    if (this.cancelled || this.ended) return;
    this.ended = true;
    this.call.emit('error', status);
  }

  reset(): void {
    if (this.cancelled || this.ended) return;
    this.ended = true;
    this.cancelled = true;
    resetStream(this.call);
    for (const listener of this.cancelListeners) listener();
  }
}

function count(sent: SentCounts, message: ReadResp): void {
  if (message.hasEvent()) sent.events++;
  else if (message.hasCheckpoint()) sent.checkpoints++;
  else if (message.hasCaughtUp()) sent.caughtUp++;
  else if (message.hasFellBehind()) sent.fellBehind++;
  else if (message.hasConfirmation()) sent.confirmations++;
  else sent.other++;
}
