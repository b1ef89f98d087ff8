/**
 * Server-sent event frames (WHATWG HTML, "server-sent events"). JSON.stringify never emits a raw
 * line break, so `data` is always one line; comments and reasons are flattened to one line too.
 */

/** Without an id the client's Last-Event-ID stays as it was (an empty `id:` would reset it). */
export function eventFrame(type: string, data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Moves the client's Last-Event-ID without firing an event (a block with an id and no data):
 * a reconnect then resumes after internal events already read, not before them.
 */
export function idFrame(id: string): string {
  return `id: ${id}\n\n`;
}

export function commentFrame(text: string): string {
  return `: ${oneLine(text)}\n\n`;
}

export function retryFrame(ms: number): string {
  return `retry: ${Math.round(ms)}\n\n`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
