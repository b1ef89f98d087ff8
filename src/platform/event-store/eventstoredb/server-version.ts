import { UnsupportedEventStoreServerError } from '../errors.js';
import type { ClientInternals } from './grpc/client-internals.js';
import { ServerFeaturesClient, sharedPb, type SupportedMethods } from './grpc/generated.js';
import grpc from '@grpc/grpc-js';

/**
 * The servers this adapter runs against. 23.10 is the first to send `caught_up` to catch-up
 * subscriptions, without which projections never go live; 25.1 is the newest whose protocol the
 * adapter and its test server were checked against (its secondary indexes are used when present).
 * Newer versions are accepted with a warning.
 */
export const OLDEST_SUPPORTED = { major: 23, minor: 10 } as const;
export const NEWEST_CHECKED = { major: 25, minor: 1 } as const;

export interface ServerInfo {
  /** As the server reports it, e.g. "24.10.0". */
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  /** KurrentDB 25.1+: `$idx-ce-…` category index reads. */
  readonly secondaryIndexes: boolean;
  /** Newer than NEWEST_CHECKED: runs, with a warning at start. */
  readonly newerThanChecked: boolean;
}

/** Asks the server for its version (ServerFeatures, with a deadline of its own) and checks it. */
export function fetchServerInfo(internals: ClientInternals, deadlineMs: number, signal: AbortSignal): Promise<ServerInfo> {
  return internals.execute(
    ServerFeaturesClient,
    'getSupportedMethods',
    (client) =>
      new Promise<ServerInfo>((resolve, reject) => {
        const [metadata, callOptions] = internals.callArguments({ deadline: deadlineMs });
        const grpcCall = client.getSupportedMethods(
          new sharedPb.Empty(),
          metadata,
          callOptions,
          (error: grpc.ServiceError | null, methods?: SupportedMethods) => {
            signal.removeEventListener('abort', abort);
            // Servers before 21.10 have no ServerFeatures at all.
            if (error?.code === grpc.status.UNIMPLEMENTED) reject(unsupported('older than 21.10 (no ServerFeatures)'));
            else if (error) reject(error);
            else {
              try {
                resolve(serverInfoOf(methods?.getEventStoreServerVersion() ?? ''));
              } catch (refusal) {
                reject(refusal instanceof Error ? refusal : new Error(String(refusal)));
              }
            }
          },
        );
        const abort = (): void => grpcCall.cancel();
        signal.addEventListener('abort', abort, { once: true });
      }),
  );
}

export function serverInfoOf(version: string): ServerInfo {
  const match = /^(\d+)\.(\d+)(?:\.|$|-)/.exec(version);
  if (!match) throw unsupported(version || '(none reported)');
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (compare(major, minor, OLDEST_SUPPORTED) < 0) throw unsupported(version);
  return {
    version,
    major,
    minor,
    secondaryIndexes: compare(major, minor, { major: 25, minor: 1 }) >= 0,
    newerThanChecked: compare(major, minor, NEWEST_CHECKED) > 0,
  };
}

function compare(major: number, minor: number, other: { major: number; minor: number }): number {
  return major !== other.major ? major - other.major : minor - other.minor;
}

function unsupported(version: string): UnsupportedEventStoreServerError {
  return new UnsupportedEventStoreServerError(
    version,
    `Redaksi needs EventStoreDB/KurrentDB ${OLDEST_SUPPORTED.major}.${OLDEST_SUPPORTED.minor} or newer (catch-up subscriptions must report caught_up); see docs/eventstoredb.md`,
  );
}
