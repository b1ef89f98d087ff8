import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { parseSseBlock } from './sse-block.js';

export interface SseMessage {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string | undefined;
}

/**
 * A minimal text/event-stream reader over node:http (what an EventSource does, minus the
 * reconnecting): it keeps every dispatched block, comments apart, and the last event id.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  lastEventId: string | undefined;
  status: number | undefined;
  ended = false;
  private buffer = '';
  private request: ClientRequest | undefined;

  private constructor() {}

  static connect(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.request = httpRequest(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response: IncomingMessage) => {
        client.status = response.statusCode;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.feed(chunk));
        response.on('end', () => (client.ended = true));
        response.on('error', () => (client.ended = true));
        resolve(client);
      });
      client.request.on('error', (error) => (client.status === undefined ? reject(error) : (client.ended = true)));
      client.request.end();
    });
  }

  /** Public events only: blocks with data and a type. */
  events(): { id: string; type: string; data: unknown }[] {
    return this.messages
      .filter((m) => m.data !== undefined && m.event !== undefined && m.event !== 'disconnect')
      .map((m) => ({ id: m.id!, type: m.event!, data: JSON.parse(m.data!) as unknown }));
  }

  async waitFor(what: string, condition: (client: SseClient) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this)) {
      if (Date.now() > deadline)
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; got ${this.messages.length} messages`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.request?.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.dispatch(block);
    }
  }

  private dispatch(text: string): void {
    const { id, event, data, comments } = parseSseBlock(text);
    this.comments.push(...comments);
    if (id !== undefined) this.lastEventId = id;
    if (id === undefined && event === undefined && data.length === 0) return;
    this.messages.push({ id, event, data: data.length === 0 ? undefined : data.join('\n') });
  }
}
