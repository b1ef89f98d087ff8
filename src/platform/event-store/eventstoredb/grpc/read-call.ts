import { StreamNotFoundError } from '../../errors.js';
import type { ClientInternals } from './client-internals.js';
import { StreamsClient, type ReadReq, type ReadResp } from './generated.js';
import { readEventOf, type ReadEvent } from './read-response.js';

export interface ReadCallOptions {
  readonly requiresLeader: boolean;
  readonly deadlineMs: number;
  readonly signal: AbortSignal;
}

/**
 * One Streams.Read call, collected: a page, bounded by the request's count. It runs on the client's
 * channel (so a NotLeader answer makes the client reconnect to the leader), with a gRPC deadline and
 * cancelled when the signal fires. A stream-not-found message becomes StreamNotFoundError.
 */
export function readCall(internals: ClientInternals, request: ReadReq, options: ReadCallOptions, stream?: string): Promise<ReadEvent[]> {
  return internals.execute(
    StreamsClient,
    'read',
    (client) =>
      new Promise<ReadEvent[]>((resolve, reject) => {
        const [metadata, callOptions] = internals.callArguments({ requiresLeader: options.requiresLeader, deadline: options.deadlineMs });
        const grpcCall = client.read(request, metadata, callOptions);
        const events: ReadEvent[] = [];
        let notFound = false;
        const abort = (): void => grpcCall.cancel();
        options.signal.addEventListener('abort', abort, { once: true });
        grpcCall.on('data', (response: ReadResp) => {
          if (response.hasEvent()) events.push(readEventOf(response.getEvent()!));
          else if (response.hasStreamNotFound()) notFound = true;
        });
        grpcCall.on('error', (error: Error) => {
          options.signal.removeEventListener('abort', abort);
          reject(error);
        });
        grpcCall.on('end', () => {
          options.signal.removeEventListener('abort', abort);
          if (notFound) reject(new StreamNotFoundError(stream ?? '(unknown)'));
          else resolve(events);
        });
      }),
  );
}
