import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemException } from './problem.js';

/** Far deeper than any request this API accepts (content nests three levels). */
export const MAX_JSON_DEPTH = 32;

/** How deeply a parsed JSON value nests, counted without recursion so no input can exhaust the stack. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, depth] = item;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Runs after the JSON parser. A body nested thousands of levels deep is small on the wire but
 * makes recursive validation overflow the stack; it is refused here as a client error.
 */
export function limitJsonDepth(req: IncomingMessage & { body?: unknown }, _res: ServerResponse, next: (error?: unknown) => void): void {
  if (!jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) {
    next();
    return;
  }
  next(
    new ProblemException({
      status: 400,
      type: 'too-deeply-nested',
      title: 'Request body nested too deeply',
      detail: `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels.`,
      extensions: { maxDepth: MAX_JSON_DEPTH },
    }),
  );
}
