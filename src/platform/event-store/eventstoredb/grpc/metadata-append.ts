import { WrongExpectedVersionError } from '../../errors.js';
import type { ExpectedRevision, Position } from '../../event-store.port.js';
import type { ClientInternals } from './client-internals.js';
import { sharedPb, StreamsClient, streamsPb, type AppendResp } from './generated.js';
import { streamIdentifier } from './read-request.js';

export interface RawAppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: Position | undefined;
}

/**
 * Appends one JSON event given as bytes, through Streams.Append. Stream metadata goes this way:
 * the client's setStreamMetadata writes it with JSON.stringify, which cannot write the 64-bit `$tb`
 * a soft delete leaves (2^63-1) exactly, and a rounded one overflows the server's parser.
 */
export function appendJsonBytes(
  internals: ClientInternals,
  args: {
    stream: string;
    eventId: string;
    type: string;
    data: Uint8Array;
    expected: ExpectedRevision;
    deadlineMs: number;
    signal: AbortSignal;
  },
): Promise<RawAppendResult> {
  return internals.execute(
    StreamsClient,
    'appendToStream',
    (client) =>
      new Promise<RawAppendResult>((resolve, reject) => {
        const [metadata, callOptions] = internals.callArguments({ requiresLeader: true, deadline: args.deadlineMs });
        const sink = client.append(metadata, callOptions, (error: Error | null, response?: AppendResp) => {
          args.signal.removeEventListener('abort', abort);
          if (error) reject(error);
          else if (!response) reject(new Error('EventStoreDB answered an append with nothing'));
          else settle(response, args, resolve, reject);
        });
        const abort = (): void => sink.cancel();
        args.signal.addEventListener('abort', abort, { once: true });
        sink.on('error', () => undefined); // reported through the callback
        const options = new streamsPb.AppendReq.Options().setStreamIdentifier(streamIdentifier(args.stream));
        const expected = args.expected;
        if (expected === 'any') options.setAny(new sharedPb.Empty());
        else if (expected === 'no_stream') options.setNoStream(new sharedPb.Empty());
        else if (expected === 'stream_exists') options.setStreamExists(new sharedPb.Empty());
        else options.setRevision(expected.toString(10));
        const message = new streamsPb.AppendReq.ProposedMessage().setId(new sharedPb.UUID().setString(args.eventId)).setData(args.data);
        message.getMetadataMap().set('type', args.type);
        message.getMetadataMap().set('content-type', 'application/json');
        sink.write(new streamsPb.AppendReq().setOptions(options));
        sink.write(new streamsPb.AppendReq().setProposedMessage(message));
        sink.end();
      }),
  );
}

function settle(
  response: AppendResp,
  args: { stream: string; expected: ExpectedRevision },
  resolve: (result: RawAppendResult) => void,
  reject: (error: Error) => void,
): void {
  if (response.hasSuccess()) {
    const success = response.getSuccess()!;
    const position = success.getPosition();
    resolve({
      nextExpectedRevision: success.hasCurrentRevision() ? BigInt(success.getCurrentRevision()) : -1n,
      position: position ? { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) } : undefined,
    });
    return;
  }
  const wrong = response.getWrongExpectedVersion();
  if (!wrong) {
    reject(new Error('EventStoreDB answered an append with neither success nor a wrong expected version'));
    return;
  }
  reject(
    new WrongExpectedVersionError(
      args.stream,
      args.expected,
      wrong.hasCurrentRevision() ? BigInt(wrong.getCurrentRevision()) : 'no_stream',
    ),
  );
}
