/** One server-sent event block (the text between blank lines), split into its fields. */
export interface SseBlock {
  readonly id: string | undefined;
  readonly event: string | undefined;
  /** The `data:` lines, in order; joined with newlines they are the event's data. */
  readonly data: readonly string[];
  /** Comment lines (`: …`), without the colon. */
  readonly comments: readonly string[];
}

/** Parses a block as the SSE specification reads fields: `field: value`, one leading space dropped. */
export function parseSseBlock(block: string): SseBlock {
  let id: string | undefined;
  let event: string | undefined;
  const data: string[] = [];
  const comments: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { id, event, data, comments };
}
