/**
 * TEST-ONLY — never a way to run Redaksi.
 *
 * A gRPC server that speaks EventStoreDB's client protocol as KurrentDB 23.10–25.1 do, as far as
 * @eventstore/db-client 6.2.1 and the EventStoreDB adapter use it, backed by any EventStore. It lets
 * the real client library and the adapter run over a real gRPC connection in every CI run, where no
 * EventStoreDB server can be installed, and it is meant to be no kinder than a real server:
 *
 * - ServerFeatures reports a version and the methods, BatchAppend among them, so appends take the
 *   path they take in production (`version: null` plays a server without ServerFeatures);
 * - positions are byte offsets with gaps, and with `legacyCommitPositions` commit ≠ prepare
 *   (positions.ts);
 * - filtered subscriptions checkpoint once per window × multiplier events considered, and catch up
 *   again (a second caught_up) after falling behind (read-handler.ts);
 * - a soft delete leaves the metadata a real one writes: only `{"$tb": 2^63-1}`;
 * - the append limits of the version it plays (25.1: 256 MiB per append, 16 MiB per event; before:
 *   1 MiB), answered with the exceptions the real server uses, including 25.0's per-event one;
 * - faults on request: NotLeader, Not Ready, RST_STREAM, a hung call, a slow call (faults.ts), a
 *   follower that answers NotLeader to every call requiring the leader, reset and lagging subscriptions;
 * - optionally the system projections' link streams ($ce-, $et-, $bc-) and 25.1's secondary indexes.
 *
 * Left out: Gossip (one host without discovery never asks), users, projections management,
 * persistent subscriptions, TLS. Plaintext on 127.0.0.1 only.
 */
import grpc from '@grpc/grpc-js';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type { EventStore, RecordedEvent } from '../../src/platform/event-store/event-store.port.js';
import { batchAppendHandler } from './batch-append-handler.js';
import { Faults } from './faults.js';
import { WirePositions } from './positions.js';
import { readHandler } from './read-handler.js';
import { emptyStats, type OpenSubscription, type ServerContext, type ServerLimits, type ServerStats } from './server-context.js';
import { serverFeaturesHandler } from './server-features-handler.js';
import { writeSystemLinks } from './system-projections.js';
import { appendHandler, deleteHandler, tombstoneHandler } from './write-handlers.js';

const { Server, ServerCredentials } = grpc;

const HOST = '127.0.0.1';
const MIB = 1024 * 1024;

export interface EsdbTestServerOptions {
  /** 0 (default) picks an ephemeral port. */
  readonly port?: number;
  /** The version ServerFeatures reports (default "25.1.0"); null: no ServerFeatures at all (UNIMPLEMENTED). */
  readonly version?: string | null;
  /** Lists and serves BatchAppend (default true, as every version since 21.10 does). */
  readonly batchAppend?: boolean;
  /** The server's own limits; default those of the version played. */
  readonly limits?: Partial<ServerLimits>;
  /** Writes the system projections' links after every append through the server (default false). */
  readonly systemProjections?: boolean;
  /** Serves `$idx-` index reads (default: from version 25.1 on). */
  readonly secondaryIndexes?: boolean;
  /** Commit positions of multi-event appends as old explicit transactions had them (default false). */
  readonly legacyCommitPositions?: boolean;
}

export class EsdbTestServer {
  private server: GrpcServer | undefined;
  readonly stats: ServerStats = emptyStats();
  readonly faults = new Faults();
  private readonly context: ServerContext;
  private readonly version: string | null;
  private readonly batchAppend: boolean;
  private follower: (() => void) | undefined;

  private constructor(
    store: EventStore,
    private boundPort: number,
    options: EsdbTestServerOptions,
  ) {
    this.version = options.version === undefined ? '25.1.0' : options.version;
    this.batchAppend = options.batchAppend ?? true;
    const at = versionAtLeast(this.version);
    const positions = new WirePositions(options.legacyCommitPositions ?? false);
    const seen = new Set<bigint>();
    this.context = {
      store,
      positions,
      faults: this.faults,
      stats: this.stats,
      limits: {
        maxAppendSize: options.limits?.maxAppendSize ?? (at(25, 1) ? 256 * MIB : MIB),
        maxAppendEventSize: options.limits?.maxAppendEventSize ?? (at(25, 1) ? 16 * MIB : Number.MAX_SAFE_INTEGER),
      },
      secondaryIndexes: options.secondaryIndexes ?? at(25, 1),
      subscriptions: new Set<OpenSubscription>(),
      appended: async (_stream: string, events: readonly RecordedEvent[]) => {
        // An idempotent retry reports events written before; the server wrote nothing new.
        const fresh = events.filter((e) => !seen.has(e.position.prepare));
        for (const e of fresh) seen.add(e.position.prepare);
        if (fresh.length === 0) return;
        positions.appended(fresh[0]!.position.prepare, fresh[fresh.length - 1]!.position.prepare);
        if (options.systemProjections) await writeSystemLinks(store, fresh);
      },
    };
  }

  /** Starts serving `store` on 127.0.0.1. The store stays the caller's to close. */
  static async start(store: EventStore, options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const server = new EsdbTestServer(store, options.port ?? 0, options);
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

  get limits(): ServerLimits {
    return this.context.limits;
  }

  /**
   * Plays a follower of `leader`: every call that requires the leader (and every append, which the
   * adapter always sends with requires-leader) is answered NotLeader with the leader's endpoint.
   * Returns a function that makes it a leader again.
   */
  followLeader(leader: { readonly host: string; readonly port: number }): () => void {
    this.follower?.();
    const remove = this.faults.inject({ method: '*', fault: { kind: 'notLeader', leader }, when: (call) => call.requiresLeader });
    this.follower = () => {
      remove();
      this.follower = undefined;
    };
    return this.follower;
  }

  /** Resets the HTTP/2 stream of every open $all subscription; returns how many there were. */
  resetSubscriptions(): number {
    const open = [...this.context.subscriptions];
    for (const s of open) s.reset();
    return open.length;
  }

  /** Makes every open $all subscription fall behind and catch up again; `announce` sends fell_behind too. */
  fallBehind(options: { readonly announce?: boolean } = {}): number {
    const open = [...this.context.subscriptions];
    for (const s of open) s.fallBehind(options.announce ?? false);
    return open.length;
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
    this.faults.clear();
    this.halt();
    return Promise.resolve();
  }

  private async listen(): Promise<void> {
    const server = new Server({
      // The server's own limits (above), not the transport, decide what is too large.
      'grpc.max_receive_message_length': 300 * MIB,
    });
    const ctx = this.context;
    server.addService(streamsGrpc.StreamsService, {
      read: readHandler(ctx),
      append: appendHandler(ctx),
      delete: deleteHandler(ctx),
      tombstone: tombstoneHandler(ctx),
      ...(this.batchAppend ? { batchAppend: batchAppendHandler(ctx) } : {}),
    });
    if (this.version !== null) {
      server.addService(serverFeaturesGrpc.ServerFeaturesService, {
        getSupportedMethods: serverFeaturesHandler(ctx, this.version, this.batchAppend),
      });
    }
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${HOST}:${this.boundPort}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      );
    });
    this.server = server;
  }
}

function versionAtLeast(version: string | null): (major: number, minor: number) => boolean {
  const [major = 0, minor = 0] = (version ?? '0.0').split('.').map((part) => Number.parseInt(part, 10));
  return (m, n) => major > m || (major === m && minor >= n);
}
