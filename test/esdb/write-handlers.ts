/**
 * TEST-ONLY. Streams.Append, Streams.Delete and Streams.Tombstone of the EventStoreDB test
 * server, on top of an EventStore (the port). See esdb-test-server.ts.
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
import {
  BINARY_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  type DeleteResult,
  type EventData,
  type EventStore,
} from '../../src/platform/event-store/event-store.port.js';
import { WrongExpectedVersionError } from '../../src/platform/event-store/errors.js';
import { BadRequest, expectedFrom, parseJson, parseUuid, sharedPb, streamName, streamsPb, toStatus } from './wire.js';

export function appendHandler(store: EventStore) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: EventData[] = [];
    let invalid: Error | undefined;
    call.on('data', (req: AppendReq) => {
      try {
        const message = req.getProposedMessage();
        if (req.hasOptions()) options = req.getOptions();
        else if (message) events.push(proposedEvent(message));
      } catch (error) {
        invalid ??= error instanceof Error ? error : new BadRequest('unreadable append request');
      }
    });
    // The client gave up (deadline, cancellation): there is nobody left to answer.
    call.on('error', () => undefined);
    call.on('end', () => {
      void append(store, options, events, invalid).then(
        (resp) => callback(null, resp),
        (error: unknown) => callback(toStatus(error)),
      );
    });
  };
}

async function append(
  store: EventStore,
  options: AppendReq.Options | undefined,
  events: EventData[],
  invalid: Error | undefined,
): Promise<AppendResp> {
  if (invalid) throw invalid;
  if (!options) throw new BadRequest('append without options');
  const stream = streamName(options.getStreamIdentifier());
  const expected = expectedFrom(options);
  try {
    const result = await store.appendToStream(stream, events, { expectedRevision: expected });
    const position = new streamsPb.AppendResp.Position()
      .setCommitPosition(result.position.commit.toString(10))
      .setPreparePosition(result.position.prepare.toString(10));
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

function proposedEvent(message: AppendReq.ProposedMessage): EventData {
  const map = message.getMetadataMap();
  const type = map.get('type');
  if (!type) throw new BadRequest('proposed event without a type');
  const json = map.get('content-type') === JSON_CONTENT_TYPE;
  const custom = message.getCustomMetadata_asU8();
  return {
    id: parseUuid(message.getId()),
    type,
    contentType: json ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE,
    data: json ? parseJson(message.getData_asU8(), 'event data') : new Uint8Array(message.getData_asU8()),
    // The port carries JSON metadata only; the client sends objects as UTF-8 JSON.
    ...(custom.length > 0 ? { metadata: parseJson(custom, 'event metadata') } : {}),
  };
}

export function deleteHandler(store: EventStore) {
  return (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void => {
    const options = call.request.getOptions();
    if (!options) return callback(toStatus(new BadRequest('delete without options')));
    const stream = streamName(options.getStreamIdentifier());
    // Promise.resolve().then: a store that throws synchronously still gets a status, not a handler crash.
    Promise.resolve()
      .then(() => store.deleteStream(stream, { expectedRevision: expectedFrom(options) }))
      .then(
        (result) => callback(null, deleteResponse(new streamsPb.DeleteResp(), result)),
        (error: unknown) => callback(toStatus(error)),
      );
  };
}

export function tombstoneHandler(store: EventStore) {
  return (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>): void => {
    const options = call.request.getOptions();
    if (!options) return callback(toStatus(new BadRequest('tombstone without options')));
    const stream = streamName(options.getStreamIdentifier());
    Promise.resolve()
      .then(() => store.tombstoneStream(stream, { expectedRevision: expectedFrom(options) }))
      .then(
        (result) => callback(null, tombstoneResponse(result)),
        (error: unknown) => callback(toStatus(error)),
      );
  };
}

function deleteResponse(resp: DeleteResp, result: DeleteResult): DeleteResp {
  if (!result.position) return resp.setNoPosition(new sharedPb.Empty());
  const position = new streamsPb.DeleteResp.Position()
    .setCommitPosition(result.position.commit.toString(10))
    .setPreparePosition(result.position.prepare.toString(10));
  return resp.setPosition(position);
}

function tombstoneResponse(result: DeleteResult): TombstoneResp {
  const resp = new streamsPb.TombstoneResp();
  if (!result.position) return resp.setNoPosition(new sharedPb.Empty());
  const position = new streamsPb.TombstoneResp.Position()
    .setCommitPosition(result.position.commit.toString(10))
    .setPreparePosition(result.position.prepare.toString(10));
  return resp.setPosition(position);
}
