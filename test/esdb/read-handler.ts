/**
 * TEST-ONLY. Streams.Read of the EventStoreDB test server: stream and $all reads, stream and
 * $all catch-up subscriptions (filters, checkpoints, caught_up, confirmation), on top of an
 * EventStore (the port). See esdb-test-server.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { EventFilter, EventStore, Position, RecordedEvent, Subscription } from '../../src/platform/event-store/event-store.port.js';
import { StreamNotFoundError } from '../../src/platform/event-store/errors.js';
import { position, readEvent, streamIdentifier, streamName, streamsPb, toStatus } from './wire.js';

type Call = ServerWritableStream<ReadReq, ReadResp>;

/** EventStoreDB's default filter window when the client sends `count` instead of `max`. */
const DEFAULT_SEARCH_WINDOW = 32;

export interface ReadStats {
  /** Subscription calls accepted so far (stream and $all). */
  subscriptions: number;
}

export function readHandler(store: EventStore, stats: ReadStats) {
  return (call: Call): void => {
    const reply = new Reply(call);
    if (call.request.getOptions()?.hasSubscription()) stats.subscriptions++;
    handle(store, call, reply).then(
      () => reply.end(),
      (error: unknown) => reply.fail(error),
    );
  };
}

async function handle(store: EventStore, call: Call, reply: Reply): Promise<void> {
  const options = call.request.getOptions();
  if (!options) throw new Error('read without options');
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const resolveLinks = options.getResolveLinks();
  const send = async (event: RecordedEvent): Promise<void> => {
    const target = resolveLinks ? await resolveLink(store, event) : undefined;
    await reply.send(target ? readEvent(target, structuredIds, event) : readEvent(event, structuredIds));
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
    const fromPosition = pos ? position(pos.getCommitPosition(), pos.getPreparePosition()) : all.hasEnd() ? 'end' : 'start';
    const { filter } = filterOf(options);
    const events = await store.readAll({ direction, fromPosition, maxCount, ...(filter ? { filter } : {}) });
    for (const event of events) await send(event);
    return;
  }

  if (all) {
    const pos = all.getPosition();
    const fromPosition = pos ? position(pos.getCommitPosition(), pos.getPreparePosition()) : all.hasEnd() ? 'end' : 'start';
    const { filter, checkpointInterval } = filterOf(options);
    const sub = store.subscribeToAll({ fromPosition, ...(filter ? { filter } : {}), checkpointInterval });
    await pump(sub, reply, send, { checkpoints: filter !== undefined });
    return;
  }

  if (stream) {
    const name = streamName(stream.getStreamIdentifier());
    const filter: EventFilter = { on: 'streamName', regex: `^${escapeRegex(name)}$` };
    const after = stream.hasRevision() ? BigInt(stream.getRevision()) : undefined;
    // Start $all at the event the client last saw, when it can be found; otherwise from the
    // start of $all, skipping by revision.
    let fromPosition: Position | 'start' | 'end' = stream.hasEnd() ? 'end' : 'start';
    if (after !== undefined) {
      const [seen] = await store.readStream(name, { fromRevision: after, maxCount: 1 }).catch(() => []);
      if (seen?.revision === after) fromPosition = seen.position;
    }
    const sub = store.subscribeToAll({ fromPosition, filter });
    const skip = (e: RecordedEvent): boolean => after !== undefined && e.revision <= after;
    await pump(sub, reply, (e) => (skip(e) ? Promise.resolve() : send(e)), { checkpoints: false });
    return;
  }

  throw new Error('read without stream or $all options');
}

async function pump(
  sub: Subscription,
  reply: Reply,
  send: (event: RecordedEvent) => Promise<void>,
  { checkpoints }: { checkpoints: boolean },
): Promise<void> {
  reply.onCancel(() => void sub.close());
  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  await reply.send(new streamsPb.ReadResp().setConfirmation(confirmation));
  try {
    for await (const message of sub) {
      if (reply.cancelled) break;
      switch (message.kind) {
        case 'event':
          await send(message.event);
          break;
        case 'checkpoint':
          // EventStoreDB sends checkpoints to filtered subscriptions only.
          if (checkpoints) {
            const checkpoint = new streamsPb.ReadResp.Checkpoint()
              .setCommitPosition(message.position.commit.toString(10))
              .setPreparePosition(message.position.prepare.toString(10));
            await reply.send(new streamsPb.ReadResp().setCheckpoint(checkpoint));
          }
          break;
        case 'caughtUp':
          await reply.send(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
          break;
      }
    }
  } finally {
    await sub.close();
  }
}

function filterOf(options: ReadReq.Options): { filter?: EventFilter; checkpointInterval: number } {
  const filter = options.getFilter();
  if (!filter) return { checkpointInterval: DEFAULT_SEARCH_WINDOW };
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  // EventStoreDB checkpoints every window × multiplier events read.
  const checkpointInterval = Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier()));
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

/** Link events (`$>`) carry `<revision>@<stream>` as their data. */
async function resolveLink(store: EventStore, link: RecordedEvent): Promise<RecordedEvent | undefined> {
  if (link.type !== '$>') return undefined;
  const text = link.data instanceof Uint8Array ? Buffer.from(link.data).toString('utf8') : link.data;
  const match = typeof text === 'string' ? /^(\d+)@(.+)$/s.exec(text) : null;
  if (!match) return undefined;
  const revision = BigInt(match[1]!);
  const [target] = await store.readStream(match[2]!, { fromRevision: revision, maxCount: 1 }).catch(() => []);
  return target?.revision === revision ? target : undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Writes with backpressure; notices when the client (or a server shutdown) cancels the call. */
class Reply {
  cancelled = false;
  private readonly cancelListeners: (() => void)[] = [];
  private drained: (() => void) | undefined;

  constructor(private readonly call: Call) {
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
    if (this.cancelled) return;
    if (this.call.write(message)) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = undefined;
  }

  end(): void {
    if (!this.cancelled) this.call.end();
  }

  fail(error: unknown): void {
    if (this.cancelled) return;
    this.call.emit('error', toStatus(error));
  }
}
