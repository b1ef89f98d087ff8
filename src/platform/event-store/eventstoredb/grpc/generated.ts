// The gRPC stubs and messages @eventstore/db-client 6.2.1 ships in generated/ (CommonJS, bound through
// default imports for the same reason as esdb-client.ts). Messages must be built with these exact
// classes: the serializers refuse any other instance.
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';

export { streamsPb, sharedPb };
export const { StreamsClient } = streamsGrpc;
export const { ServerFeaturesClient } = serverFeaturesGrpc;
export type { ReadReq, ReadResp, AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb.js';
export type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
export type StreamsGrpcClient = InstanceType<typeof StreamsClient>;
