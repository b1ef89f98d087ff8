/**
 * TEST-ONLY. Streams.BatchAppend of the EventStoreDB test server, the append path every supported
 * server offers and client 6.2.1 takes whenever ServerFeatures lists it. One long-lived bidirectional
 * call carries many appends, each a correlation id with options on its first chunk, proposed messages
 * in one or more chunks, and `is_final` on the last. As Streams.BatchAppend (KurrentDB 25.1) answers:
 *
 * - success: current revision (or no_stream) and the position of the last event;
 * - failures as a google.rpc.Status in the reply with a typed detail (WrongExpectedVersion,
 *   StreamDeleted, AccessDenied, Timeout, MaximumAppendSizeExceeded, MaximumAppendEventSizeExceeded);
 * - not ready: a Status with an Empty detail and the message "Server Is Not Ready";
 * - not leader: the whole call ends with the not-leader status, failing every append in flight;
 * - the deadline in the options: past it, a Timeout reply.
 */
import grpc from '@grpc/grpc-js';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import type { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import type { ExpectedRevision } from '../../src/platform/event-store/event-store.port.js';
import { MaxAppendSizeExceededError, StreamDeletedError, WrongExpectedVersionError } from '../../src/platform/event-store/errors.js';
import { gate, requiresLeader, type ServerContext } from './server-context.js';
import { appendThrough, checkLimits, MaxAppendEventSizeExceededError, proposed, type Proposed } from './write-handlers.js';
import { type faultStatus, parseUuid, sharedPb, streamIdentifier, streamName, streamsPb } from './wire.js';

type Call = ServerDuplexStream<BatchAppendReq, BatchAppendResp>;

const { status } = grpc;

interface Pending {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly deadline: number;
  readonly events: Proposed[];
  failed: boolean;
}

export function batchAppendHandler(ctx: ServerContext) {
  return (call: Call): void => {
    ctx.stats.calls.batchAppend = (ctx.stats.calls.batchAppend ?? 0) + 1;
    const pending = new Map<string, Pending>();
    let ended = false;
    let cancelled = false;
    const cancelListeners: (() => void)[] = [];
    call.on('cancelled', () => {
      cancelled = true;
      for (const listener of cancelListeners) listener();
    });
    call.on('error', () => undefined);
    const reply = (resp: BatchAppendResp): void => {
      if (!ended && !cancelled) call.write(resp);
    };
    const endWith = (s: ReturnType<typeof faultStatus>): void => {
      if (ended || cancelled || !s) return;
      ended = true;
      call.emit('error', s);
    };

    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId();
      const id = parseUuid(correlation);
      const options = request.getOptions();
      if (options) {
        const stream = streamName(options.getStreamIdentifier());
        const deadline = options.getDeadline();
        pending.set(id, {
          stream,
          expected: expectedOf(options),
          deadline: deadline ? deadline.toDate().getTime() : Number.POSITIVE_INFINITY,
          events: [],
          failed: false,
        });
      }
      const append = pending.get(id);
      if (!append) return;
      try {
        for (const message of request.getProposedMessagesList()) append.events.push(proposed(message));
        checkLimits(append.stream, append.events, ctx.limits);
      } catch (error) {
        pending.delete(id);
        append.failed = true;
        reply(response(id, append.stream, { error: errorStatus(error, append.stream) }));
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(id);
      const info = { method: 'batchAppend' as const, requiresLeader: requiresLeader(call.metadata), stream: append.stream };
      void gate(ctx, info, {
        call,
        fail: (s) => {
          // A node that is not ready answers in the reply; a follower ends the whole call.
          if (s.details === 'Server Is Not Ready') reply(response(id, append.stream, { error: notReady() }));
          else endWith(s);
        },
        cancelled: () => cancelled,
        onCancel: (listener) => cancelListeners.push(listener),
      }).then((proceed) => {
        if (!proceed) return;
        if (Date.now() > append.deadline) {
          reply(
            response(id, append.stream, {
              error: typed(status.DEADLINE_EXCEEDED, 'Timeout', 'event_store.client.Timeout', new sharedPb.Timeout()),
            }),
          );
          return;
        }
        appendThrough(ctx, append.stream, append.events, append.expected).then(
          (result) =>
            reply(
              response(id, append.stream, {
                result: { revision: result.nextExpectedRevision, position: ctx.positions.toWire(result.position) },
              }),
            ),
          (error: unknown) => reply(response(id, append.stream, { error: errorStatus(error, append.stream) })),
        );
      });
    });
    call.on('end', () => {
      if (!ended && !cancelled) {
        ended = true;
        call.end();
      }
    });
  };
}

function expectedOf(options: BatchAppendReq.Options): ExpectedRevision {
  if (options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

function response(
  correlationId: string,
  stream: string,
  outcome:
    { result: { revision: bigint; position: { commit: bigint; prepare: bigint } } } | { error: InstanceType<typeof statusPb.Status> },
): BatchAppendResp {
  const resp = new streamsPb.BatchAppendResp()
    .setCorrelationId(new sharedPb.UUID().setString(correlationId))
    .setStreamIdentifier(streamIdentifier(stream));
  if ('error' in outcome) return resp.setError(outcome.error);
  const { revision, position } = outcome.result;
  const success = new streamsPb.BatchAppendResp.Success();
  if (revision < 0n) success.setNoStream(new emptyPb.Empty());
  else success.setCurrentRevision(revision.toString(10));
  success.setPosition(
    new sharedPb.AllStreamPosition().setCommitPosition(position.commit.toString(10)).setPreparePosition(position.prepare.toString(10)),
  );
  return resp.setSuccess(success);
}

interface Serializable {
  serializeBinary(): Uint8Array;
}

function typed(code: number, message: string, typeName: string, detail: Serializable): InstanceType<typeof statusPb.Status> {
  const any = new anyPb.Any();
  any.pack(detail.serializeBinary(), typeName);
  return new statusPb.Status().setCode(code).setMessage(message).setDetails(any);
}

function notReady(): InstanceType<typeof statusPb.Status> {
  const any = new anyPb.Any();
  any.pack(new emptyPb.Empty().serializeBinary(), 'google.protobuf.Empty');
  return new statusPb.Status().setMessage('Server Is Not Ready').setDetails(any);
}

function errorStatus(error: unknown, stream: string): InstanceType<typeof statusPb.Status> {
  if (error instanceof WrongExpectedVersionError) {
    const detail = new sharedPb.WrongExpectedVersion();
    if (error.actual === 'no_stream') detail.setCurrentNoStream(new emptyPb.Empty());
    else detail.setCurrentStreamRevision(error.actual.toString(10));
    const expected = error.expected;
    if (typeof expected === 'bigint') detail.setExpectedStreamPosition(expected.toString(10));
    else if (expected === 'no_stream') detail.setExpectedNoStream(new emptyPb.Empty());
    else if (expected === 'stream_exists') detail.setExpectedStreamExists(new emptyPb.Empty());
    else detail.setExpectedAny(new emptyPb.Empty());
    return typed(status.ALREADY_EXISTS, 'WrongExpectedVersion', 'event_store.client.WrongExpectedVersion', detail);
  }
  if (error instanceof StreamDeletedError) {
    const detail = new sharedPb.StreamDeleted().setStreamIdentifier(streamIdentifier(stream));
    return typed(status.NOT_FOUND, 'StreamDeleted', 'event_store.client.StreamDeleted', detail);
  }
  if (error instanceof MaxAppendSizeExceededError) {
    const detail = new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(error.maxAppendSize);
    return typed(status.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', 'event_store.client.MaximumAppendSizeExceeded', detail);
  }
  if (error instanceof MaxAppendEventSizeExceededError) {
    // Client 6.2.1's generated code predates this message; its fields are encoded by hand.
    return typed(status.INVALID_ARGUMENT, 'MaximumAppendEventSizeExceeded', 'event_store.client.MaximumAppendEventSizeExceeded', {
      serializeBinary: () => encodeEventSizeExceeded(error.eventId, error.size, error.maxAppendEventSize),
    });
  }
  return typed(status.UNKNOWN, 'Unknown', 'event_store.client.Unknown', new sharedPb.Unknown());
}

/** MaximumAppendEventSizeExceeded {string eventId = 1; uint32 proposedEventSize = 2; uint32 maxAppendEventSize = 3;} */
function encodeEventSizeExceeded(eventId: string, size: number, max: number): Uint8Array {
  const id = Buffer.from(eventId, 'utf8');
  const varint = (n: number): number[] => {
    const out: number[] = [];
    let v = n >>> 0;
    while (v > 0x7f) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
    return out;
  };
  return Uint8Array.from([0x0a, ...varint(id.length), ...id, 0x10, ...varint(size), 0x18, ...varint(max)]);
}
