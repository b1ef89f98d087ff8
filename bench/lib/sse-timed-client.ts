import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { parseSseBlock } from '../../test/support/sse-block.js';

export interface TimedSseEvent {
  readonly id: string | undefined;
  readonly type: string;
  readonly data: unknown;
  /** performance.now() when the chunk that completed this event arrived on the socket. */
  readonly receivedAt: number;
}

/**
 * A text/event-stream reader like test/support/sse-client.ts, but one that hands every public
 * event (a block with a type and data) to `onEvent` as soon as its chunk is parsed, stamped with
 * the time that chunk arrived: what the delivery benchmark measures against. Comments (heartbeats,
 * "caught up") go to `onComment`.
 */
export class TimedSseClient {
  status: number | undefined;
  ended = false;
  private buffer = '';
  private request: ClientRequest | undefined;

  private constructor(
    private readonly onEvent: (event: TimedSseEvent) => void,
    private readonly onComment: (text: string) => void,
  ) {}

  static connect(
    url: string,
    headers: Record<string, string>,
    onEvent: (event: TimedSseEvent) => void,
    onComment: (text: string) => void = () => undefined,
  ): Promise<TimedSseClient> {
    const client = new TimedSseClient(onEvent, onComment);
    return new Promise((resolve, reject) => {
      client.request = httpRequest(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response: IncomingMessage) => {
        client.status = response.statusCode;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.feed(chunk, performance.now()));
        response.on('end', () => (client.ended = true));
        response.on('error', () => (client.ended = true));
        resolve(client);
      });
      client.request.on('error', (error) => (client.status === undefined ? reject(error) : (client.ended = true)));
      client.request.end();
    });
  }

  close(): void {
    this.request?.destroy();
  }

  private feed(chunk: string, receivedAt: number): void {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.dispatch(block, receivedAt);
    }
  }

  private dispatch(text: string, receivedAt: number): void {
    const block = parseSseBlock(text);
    for (const comment of block.comments) this.onComment(comment);
    if (block.event === undefined || block.data.length === 0) return;
    this.onEvent({ id: block.id, type: block.event, data: JSON.parse(block.data.join('\n')) as unknown, receivedAt });
  }
}
