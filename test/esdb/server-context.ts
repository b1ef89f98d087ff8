/**
 * TEST-ONLY. What the handlers of the test server share: the backing store, how positions look on
 * the wire, the faults to answer with, the server's limits, and counters of what was sent, so that
 * tests can check what a client made the server do (see esdb-test-server.ts).
 */
import http2 from 'node:http2';
import type { Metadata, StatusObject } from '@grpc/grpc-js';
import type { EventStore, RecordedEvent } from '../../src/platform/event-store/event-store.port.js';
import type { CallInfo, Faults } from './faults.js';
import type { WirePositions } from './positions.js';
import { faultStatus } from './wire.js';

export interface ServerLimits {
  /** Bytes per append, measured as the server measures it (data + metadata + 2 × type length). */
  readonly maxAppendSize: number;
  /** Bytes per event; KurrentDB 25.0 made it configurable, 25.1 set it to 16 MiB. */
  readonly maxAppendEventSize: number;
}

export interface SentCounts {
  events: number;
  checkpoints: number;
  caughtUp: number;
  fellBehind: number;
  confirmations: number;
  /** Stream-not-found answers and any other message without an event. */
  other: number;
}

export interface ServerStats {
  /** Subscription calls accepted so far (stream and $all). */
  subscriptions: number;
  /** Calls per method, counted when accepted (before any fault). */
  readonly calls: Record<string, number>;
  /** Read calls that asked for the leader (`requires-leader: true`). */
  leaderReads: number;
  /** Messages sent on Read calls, by kind. */
  readonly sent: SentCounts;
}

export function emptyStats(): ServerStats {
  return {
    subscriptions: 0,
    calls: {},
    leaderReads: 0,
    sent: { events: 0, checkpoints: 0, caughtUp: 0, fellBehind: 0, confirmations: 0, other: 0 },
  };
}

/** An $all subscription the test can act on while it runs. */
export interface OpenSubscription {
  /** Resets its HTTP/2 stream (the client sees INTERNAL, "Received RST_STREAM with code 2"). */
  reset(): void;
  /** Makes it fall behind and catch up again, as a real server does when its live buffer overflows. */
  fallBehind(announce: boolean): void;
}

export interface ServerContext {
  readonly store: EventStore;
  readonly positions: WirePositions;
  readonly faults: Faults;
  readonly stats: ServerStats;
  readonly limits: ServerLimits;
  /** Serves `$idx-ce-…` / `$idx-et-…` reads as KurrentDB 25.1's secondary indexes do. */
  readonly secondaryIndexes: boolean;
  readonly subscriptions: Set<OpenSubscription>;
  /** After an append through the server: legacy commit positions, system projection links. */
  readonly appended: (stream: string, events: readonly RecordedEvent[]) => Promise<void>;
}

export function requiresLeader(metadata: Metadata): boolean {
  return metadata.get('requires-leader').some((v) => String(v) === 'true');
}

interface CallControls {
  /** Ends the call with a status (trailers included). */
  readonly fail: (status: StatusObject) => void;
  readonly call: unknown;
  readonly cancelled: () => boolean;
  readonly onCancel: (listener: () => void) => void;
}

/**
 * Applies the fault this call gets, if any. Resolves true when the call should go on (no fault, a
 * delay that passed, a hang that was released), false when the fault answered it.
 */
export async function gate(ctx: ServerContext, info: CallInfo, controls: CallControls): Promise<boolean> {
  const fault = ctx.faults.take(info);
  if (!fault) return true;
  const status = faultStatus(fault);
  if (status) {
    controls.fail(status);
    return false;
  }
  switch (fault.kind) {
    case 'rstStream':
      resetStream(controls.call);
      return false;
    case 'delay':
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, fault.ms);
        controls.onCancel(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return !controls.cancelled();
    case 'hang':
      await new Promise<void>((resolve) => {
        const forget = ctx.faults.holdHanging(resolve);
        controls.onCancel(() => {
          forget();
          resolve();
        });
      });
      return !controls.cancelled();
    case 'notLeader':
    case 'notReady':
      return false;
  }
}

/**
 * Resets the HTTP/2 stream under a server call with code 2 (INTERNAL_ERROR), as a proxy or a server
 * going wrong does. grpc-js keeps the stream on its base call; there is no public way to reach it.
 */
export function resetStream(call: unknown): void {
  const stream = (call as { call?: { stream?: http2.ServerHttp2Stream } }).call?.stream;
  if (!stream) throw new Error('the test server cannot reach the HTTP/2 stream of this call');
  stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
}
