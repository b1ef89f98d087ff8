import grpc, { type CallOptions, type Client as GrpcClient, type Metadata } from '@grpc/grpc-js';
import type { EsdbClient } from '../esdb-client.js';

/**
 * The parts of @eventstore/db-client 6.2.1's Client that its own feature modules use to make gRPC calls
 * on the client's channel (the package is pinned to that exact version; test/esdb exercises each part):
 *
 * - `execute(ClientClass, name, action)` runs a call on the current channel and, when it fails with
 *   UNAVAILABLE, CANCELLED or NotLeader, drops the channel so that the next call reconnects (to the
 *   leader the error named);
 * - `callArguments(options)` builds the call metadata (connection name, `requires-leader`, credentials)
 *   and the deadline;
 * - `capabilities` is the client's ServerFeatures answer, which decides between BatchAppend and Append;
 * - `getGRPCClient` and `handleError` let a hung ServerFeatures call be abandoned with its channel.
 *
 * They carry what the high-level API lacks: server-side filters on reads, deadlines on reads,
 * `requires-leader` on metadata reads, exact bytes of metadata events.
 */
export interface BaseCallOptions {
  readonly requiresLeader?: boolean;
  /** Milliseconds from now. */
  readonly deadline?: number;
}

type GrpcClientClass<C> = new (address: string, credentials: grpc.ChannelCredentials, options?: object) => C;

export interface ClientInternals {
  execute<C extends GrpcClient, T>(Client: GrpcClientClass<C>, debugName: string, action: (client: C) => Promise<T>): Promise<T>;
  callArguments(options: BaseCallOptions, callOptions?: CallOptions): [Metadata, CallOptions];
  getGRPCClient<C extends GrpcClient>(Client: GrpcClientClass<C>, debugName: string): Promise<C>;
  handleError(client: GrpcClient, error: Error): Promise<void>;
  readonly capabilities: Promise<unknown>;
}

export function internalsOf(client: EsdbClient): ClientInternals {
  const internals = client as unknown as ClientInternals;
  for (const name of ['execute', 'callArguments', 'getGRPCClient', 'handleError'] as const) {
    if (typeof internals[name] !== 'function') {
      throw new TypeError(`@eventstore/db-client has no ${name}(): the EventStoreDB adapter is written against client 6.2.1`);
    }
  }
  return internals;
}

/** An error the client's handleError reads as UNAVAILABLE, so that it drops the channel and reconnects. */
export function channelGoneError(reason: string): Error {
  return Object.assign(new Error(reason), { code: grpc.status.UNAVAILABLE, details: reason, metadata: new grpc.Metadata() });
}
