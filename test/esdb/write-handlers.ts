/**
 * TEST-ONLY. Streams.Append, Streams.Delete and Streams.Tombstone of the EventStoreDB test server,
 * on top of an EventStore (the port). The server's own append limits come first, measured and
 * answered as Streams.Append does (per event, then the running total). See esdb-test-server.ts.
 */
import type { sendUnaryData, ServerReadableStream, ServerUnaryCall } from '@grpc/grpc-js';
import type {
  AppendReq,
  AppendResp,
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb.js';
import { eventSize } from '../../src/platform/event-store/append-size.js';
import {
  BINARY_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  type AppendResult,
  type DeleteResult,
  type EventData,
  type ExpectedRevision,
} from '../../src/platform/event-store/event-store.port.js';
import { MaxAppendSizeExceededError, WrongExpectedVersionError } from '../../src/platform/event-store/errors.js';
import { gate, requiresLeader, type ServerContext, type ServerLimits } from './server-context.js';
import { BadRequest, expectedFrom, parseJson, parseUuid, sharedPb, streamName, streamsPb, toStatus } from './wire.js';
import grpc from '@grpc/grpc-js';

const { Metadata, status } = grpc;

/** KurrentDB 25.0+: one event over MaxAppendEventSize. Client 6.2.1 does not know this exception. */
export class MaxAppendEventSizeExceededError extends Error {
  constructor(
    readonly eventId: string,
    readonly size: number,
    readonly maxAppendEventSize: number,
  ) {
    super(`Event with Id: ${eventId}, Size: ${size}, exceeds Maximum Append Event Size of ${maxAppendEventSize}.`);
  }
}

/** A proposed event with the sizes the server measures. */
export interface Proposed {
  readonly event: EventData;
  readonly size: number;
}

export function appendHandler(ctx: ServerContext) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: Proposed[] = [];
    let invalid: Error | undefined;
    let cancelled = false;
    const cancelListeners: (() => void)[] = [];
    call.on('data', (req: AppendReq) => {
      try {
        const message = req.getProposedMessage();
        if (req.hasOptions()) options = req.getOptions();
        else if (message) events.push(proposed(message));
      } catch (error) {
        invalid ??= error instanceof Error ? error : new BadRequest('unreadable append request');
      }
    });
    // The client gave up (deadline, cancellation): there is nobody left to answer.
    call.on('error', () => undefined);
    call.on('cancelled', () => {
      cancelled = true;
      for (const listener of cancelListeners) listener();
    });
    call.on('end', () => {
      const stream = options ? streamName(options.getStreamIdentifier()) : undefined;
      // Stream metadata is counted apart: the adapter writes it through Append on purpose.
      const counter = stream?.startsWith('$$') ? 'appendMetadata' : 'append';
      ctx.stats.calls[counter] = (ctx.stats.calls[counter] ?? 0) + 1;
      const info = { method: 'append' as const, requiresLeader: requiresLeader(call.metadata), ...(stream ? { stream } : {}) };
      void gate(ctx, info, {
        call,
        fail: (s) => callback(s),
        cancelled: () => cancelled,
        onCancel: (listener) => cancelListeners.push(listener),
      }).then((proceed) => {
        if (!proceed) return;
        append(ctx, options, events, invalid).then(
          (resp) => callback(null, resp),
          (error: unknown) => callback(appendStatus(error)),
        );
      });
    });
  };
}

async function append(
  ctx: ServerContext,
  options: AppendReq.Options | undefined,
  events: Proposed[],
  invalid: Error | undefined,
): Promise<AppendResp> {
  if (invalid) throw invalid;
  if (!options) throw new BadRequest('append without options');
  const stream = streamName(options.getStreamIdentifier());
  checkLimits(stream, events, ctx.limits);
  const expected = expectedFrom(options);
  try {
    const result = await appendThrough(ctx, stream, events, expected);
    const wire = ctx.positions.toWire(result.position);
    const position = new streamsPb.AppendResp.Position()
      .setCommitPosition(wire.commit.toString(10))
      .setPreparePosition(wire.prepare.toString(10));
    const success = new streamsPb.AppendResp.Success().setPosition(position);
    // An empty append to a stream that does not exist: current_revision is unsigned on the wire.
    if (result.nextExpectedRevision < 0n) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(result.nextExpectedRevision.toString(10));
    return new streamsPb.AppendResp().setSuccess(success);
  } catch (error) {
    // A conflict is an answer in the body, not a status: that is where the client reads it.
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
    if (error.actual === 'no_stream') wrong.setCurrentNoStream(new sharedPb.Empty());
    else wrong.setCurrentRevision(error.actual.toString(10));
    if (typeof expected === 'bigint') wrong.setExpectedRevision(expected.toString(10));
    else if (expected === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
    else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
    else wrong.setExpectedAny(new sharedPb.Empty());
    return new streamsPb.AppendResp().setWrongExpectedVersion(wrong);
  }
}

/** Streams.Append's order: each event against MaxAppendEventSize, then the running total against MaxAppendSize. */
export function checkLimits(stream: string, events: readonly Proposed[], limits: ServerLimits): void {
  let total = 0;
  for (const { event, size } of events) {
    if (size > limits.maxAppendEventSize) throw new MaxAppendEventSizeExceededError(event.id, size, limits.maxAppendEventSize);
    total += size;
    if (total > limits.maxAppendSize) throw new MaxAppendSizeExceededError(stream, limits.maxAppendSize, total);
  }
}

/** Appends to the backing store and tells the server what was written (positions, system projections). */
export async function appendThrough(
  ctx: ServerContext,
  stream: string,
  events: readonly Proposed[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const result = await ctx.store.appendToStream(
    stream,
    events.map((p) => p.event),
    { expectedRevision: expected },
  );
  if (events.length > 0) {
    const written = await ctx.store.readStream(stream, {
      fromRevision: result.nextExpectedRevision - BigInt(events.length - 1),
      maxCount: events.length,
    });
    await ctx.appended(stream, written);
  }
  return result;
}

function appendStatus(error: unknown) {
  if (!(error instanceof MaxAppendEventSizeExceededError)) return toStatus(error);
  const metadata = new Metadata();
  metadata.set('exception', 'maximum-append-event-size-exceeded');
  metadata.set('maximum-append-event-size', String(error.maxAppendEventSize));
  metadata.set('event-id', error.eventId);
  metadata.set('proposed-append-event-size', String(error.size));
  return { code: status.INVALID_ARGUMENT, details: error.message, metadata };
}

interface ProposedMessage {
  getMetadataMap(): { get(key: string): string | undefined };
  getCustomMetadata_asU8(): Uint8Array;
  getData_asU8(): Uint8Array;
  getId(): InstanceType<typeof sharedPb.UUID> | undefined;
}

export function proposed(message: ProposedMessage): Proposed {
  const map = message.getMetadataMap();
  const type = map.get('type');
  if (!type) throw new BadRequest('proposed event without a type');
  const json = map.get('content-type') === JSON_CONTENT_TYPE;
  const custom = message.getCustomMetadata_asU8();
  const data = message.getData_asU8();
  const event: EventData = {
    id: parseUuid(message.getId()),
    type,
    contentType: json ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE,
    data: json ? parseJson(data, 'event data') : new Uint8Array(data),
    // The port carries JSON metadata only; the client sends objects as UTF-8 JSON.
    ...(custom.length > 0 ? { metadata: parseJson(custom, 'event metadata') } : {}),
  };
  return { event, size: eventSize(type, data.byteLength, custom.byteLength) };
}

export function deleteHandler(ctx: ServerContext) {
  return (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void => {
    ctx.stats.calls.delete = (ctx.stats.calls.delete ?? 0) + 1;
    const options = call.request.getOptions();
    if (!options) return callback(toStatus(new BadRequest('delete without options')));
    const stream = streamName(options.getStreamIdentifier());
    unary(ctx, call, { method: 'delete', stream }, callback, async () => {
      // The backing store writes the metadata a real soft delete writes ({"$tb": 2^63-1}).
      const result = await ctx.store.deleteStream(stream, { expectedRevision: expectedFrom(options) });
      return deleteResponse(ctx, new streamsPb.DeleteResp(), result);
    });
  };
}

export function tombstoneHandler(ctx: ServerContext) {
  return (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>): void => {
    ctx.stats.calls.tombstone = (ctx.stats.calls.tombstone ?? 0) + 1;
    const options = call.request.getOptions();
    if (!options) return callback(toStatus(new BadRequest('tombstone without options')));
    const stream = streamName(options.getStreamIdentifier());
    unary(ctx, call, { method: 'tombstone', stream }, callback, async () => {
      const result = await ctx.store.tombstoneStream(stream, { expectedRevision: expectedFrom(options) });
      return tombstoneResponse(ctx, result);
    });
  };
}

function unary<Req, Resp>(
  ctx: ServerContext,
  call: ServerUnaryCall<Req, Resp>,
  info: { method: 'delete' | 'tombstone'; stream: string },
  callback: sendUnaryData<Resp>,
  work: () => Promise<Resp>,
): void {
  let cancelled = false;
  const listeners: (() => void)[] = [];
  call.on('cancelled', () => {
    cancelled = true;
    for (const l of listeners) l();
  });
  void gate(
    ctx,
    { ...info, requiresLeader: requiresLeader(call.metadata) },
    { call, fail: (s) => callback(s), cancelled: () => cancelled, onCancel: (l) => listeners.push(l) },
  ).then((proceed) => {
    if (!proceed) return;
    // Promise.resolve().then: a store that throws synchronously still gets a status, not a handler crash.
    Promise.resolve()
      .then(work)
      .then(
        (resp) => callback(null, resp),
        (error: unknown) => callback(toStatus(error)),
      );
  });
}

function deleteResponse(ctx: ServerContext, resp: DeleteResp, result: DeleteResult): DeleteResp {
  if (!result.position) return resp.setNoPosition(new sharedPb.Empty());
  const wire = ctx.positions.toWire(result.position);
  return resp.setPosition(
    new streamsPb.DeleteResp.Position().setCommitPosition(wire.commit.toString(10)).setPreparePosition(wire.prepare.toString(10)),
  );
}

function tombstoneResponse(ctx: ServerContext, result: DeleteResult): TombstoneResp {
  const resp = new streamsPb.TombstoneResp();
  if (!result.position) return resp.setNoPosition(new sharedPb.Empty());
  const wire = ctx.positions.toWire(result.position);
  return resp.setPosition(
    new streamsPb.TombstoneResp.Position().setCommitPosition(wire.commit.toString(10)).setPreparePosition(wire.prepare.toString(10)),
  );
}
