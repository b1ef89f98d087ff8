/**
 * TEST-ONLY — never a way to run Redaksi.
 *
 * A gRPC server that speaks EventStoreDB's client protocol, as far as @eventstore/db-client
 * 6.2.1 uses it for the EventStore port (see shared/ESDB_WIRE_NOTES.md), backed by any
 * EventStore implementation. It lets the real client library and the EventStoreDB adapter run
 * over a real gRPC connection in every CI run, where no EventStoreDB server can be installed.
 *
 * Served: Streams.Read, Streams.Append, Streams.Delete, Streams.Tombstone. Left out on
 * purpose: Streams.BatchAppend and ServerFeatures (both answer UNIMPLEMENTED, and the client
 * then falls back to Append), Gossip (one host without discovery never asks), users,
 * projections, persistent subscriptions. Plaintext on 127.0.0.1 only.
 */
import grpc from '@grpc/grpc-js';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type { EventStore } from '../../src/platform/event-store/event-store.port.js';
import { readHandler, type ReadStats } from './read-handler.js';
import { appendHandler, deleteHandler, tombstoneHandler } from './write-handlers.js';

const { Server, ServerCredentials } = grpc;

const HOST = '127.0.0.1';

export interface EsdbTestServerOptions {
  /** 0 (default) picks an ephemeral port. */
  readonly port?: number;
}

export class EsdbTestServer {
  private server: GrpcServer | undefined;
  /** Lets tests see that a client really subscribed again after a drop. */
  readonly stats: ReadStats = { subscriptions: 0 };

  private constructor(
    private readonly store: EventStore,
    private boundPort: number,
  ) {}

  /** Starts serving `store` on 127.0.0.1. The store stays the caller's to close. */
  static async start(store: EventStore, options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const server = new EsdbTestServer(store, options.port ?? 0);
    await server.listen();
    return server;
  }

  get port(): number {
    return this.boundPort;
  }

  /** For `EventStoreDBClient.connectionString` / `EventStoreDbEventStore.fromConnectionString`. */
  get connectionString(): string {
    return `esdb://${HOST}:${this.boundPort}?tls=false`;
  }

  /**
   * Drops every connection (in-flight calls end with CANCELLED on the client, as when a
   * server goes away) and serves again on the same port.
   */
  async dropConnections(): Promise<void> {
    this.halt();
    await this.listen();
  }

  /** Drops every connection and stops listening until `resume()`: the server looks down. */
  halt(): void {
    this.server?.forceShutdown();
    this.server = undefined;
  }

  async resume(): Promise<void> {
    if (!this.server) await this.listen();
  }

  stop(): Promise<void> {
    this.halt();
    return Promise.resolve();
  }

  private async listen(): Promise<void> {
    const server = new Server({
      // The backing store, not the transport, decides what is too large (as EventStoreDB's own
      // MaxAppendSize does); 4 MiB is grpc-js's default.
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    });
    server.addService(streamsGrpc.StreamsService, {
      read: readHandler(this.store, this.stats),
      append: appendHandler(this.store),
      delete: deleteHandler(this.store),
      tombstone: tombstoneHandler(this.store),
    });
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${HOST}:${this.boundPort}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      );
    });
    this.server = server;
  }
}
