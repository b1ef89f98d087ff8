import type { Response } from 'express';
import { etagOf, type StreamPoint, setStreamHeaders } from './command-response.js';

const ENTITY_TAG = /(?:W\/)?"([^"]*)"/g;

/**
 * RFC 9110 §13.1.2: whether If-None-Match matches the current entity tag, compared weakly as a
 * GET requires. `*` matches any current representation; a list matches if any member does.
 */
export function ifNoneMatchMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const current = etag.replace(/^W\//, '');
  return [...ifNoneMatch.matchAll(ENTITY_TAG)].some(([, opaque]) => `"${opaque}"` === current);
}

/**
 * Answers a read of a stream's current state: 304 without a body when the client's copy is
 * current, else 200 with the body; ETag and X-Event-Position either way. Decided here, not by
 * Express's `req.fresh`, which is a cache's rule (it ignores If-None-Match when the request says
 * `Cache-Control: no-cache`); the origin server evaluates the precondition every time.
 * For routes that take `@Res()` without passthrough, so nothing else sets the status.
 */
export function answerRead(response: Response, ifNoneMatch: string | undefined, point: StreamPoint, body: unknown): void {
  setStreamHeaders(response, point);
  if (ifNoneMatchMatches(ifNoneMatch, etagOf(point.revision))) {
    response.status(304).end();
    return;
  }
  response.status(200).json(body);
}
