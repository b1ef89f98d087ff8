/**
 * TEST-ONLY. ServerFeatures.GetSupportedMethods of the test server, as KurrentDB answers it: the
 * server version in three parts ("25.1.0") and the client-facing methods in lower case, with the
 * features a few of them announce. Client 6.2.1 uses BatchAppend only when it is listed here.
 */
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { gate, requiresLeader, type ServerContext } from './server-context.js';

const STREAMS = 'event_store.client.streams.streams';
const SERVER_FEATURES = 'event_store.client.server_features.serverfeatures';

export function serverFeaturesHandler(ctx: ServerContext, version: string, batchAppend: boolean) {
  return (call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    ctx.stats.calls.serverFeatures = (ctx.stats.calls.serverFeatures ?? 0) + 1;
    let cancelled = false;
    const listeners: (() => void)[] = [];
    call.on('cancelled', () => {
      cancelled = true;
      for (const l of listeners) l();
    });
    void gate(
      ctx,
      { method: 'serverFeatures', requiresLeader: requiresLeader(call.metadata) },
      { call, fail: (s) => callback(s), cancelled: () => cancelled, onCancel: (l) => listeners.push(l) },
    ).then((proceed) => {
      if (!proceed) return;
      const method = (service: string, name: string, features: string[] = []) =>
        new serverFeaturesPb.SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
      const methods = [
        method(STREAMS, 'read', ['position', 'events']),
        method(STREAMS, 'append'),
        method(STREAMS, 'delete'),
        method(STREAMS, 'tombstone'),
        ...(batchAppend ? [method(STREAMS, 'batchappend', ['deadline_duration'])] : []),
        method(SERVER_FEATURES, 'getsupportedmethods'),
      ];
      callback(null, new serverFeaturesPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(version));
    });
  };
}
