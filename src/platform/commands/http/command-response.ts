import type { Response } from 'express';

export const EVENT_POSITION_HEADER = 'X-Event-Position';
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

/** A stream revision as an entity tag: what If-Match and If-None-Match send back. */
export function etagOf(revision: bigint): string {
  return `"${String(revision)}"`;
}

/** Where a stream stands: its revision (the ETag) and the log position of its last event. */
export interface StreamPoint {
  readonly revision: bigint;
  readonly position: bigint;
}

export function setStreamHeaders(response: Response, point: StreamPoint): void {
  response.setHeader('ETag', etagOf(point.revision));
  response.setHeader(EVENT_POSITION_HEADER, String(point.position));
}

/** Headers every command answer carries: ETag, X-Event-Position, and whether it was a replay. */
export function setCommandHeaders(response: Response, result: StreamPoint & { readonly replayed: boolean }): void {
  setStreamHeaders(response, result);
  if (result.replayed) response.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
}
