import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** When it was answered (or received, while unanswered). */
  at: number;
  /** What the receiver answered; undefined while it holds the request (or never answered). */
  answered: number | undefined;
}

/** What to do with a request: answer with a status, or hold it without answering. */
export type Reaction = number | 'hang';
export type Behaviour = (request: ReceivedRequest, earlierForSameEvent: number) => Reaction;

/**
 * A real HTTP webhook receiver on 127.0.0.1 whose answers a test scripts, and which can go
 * down (connection refused) and come back on the same port.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly held = new Set<ServerResponse>();
  private port = 0;

  constructor(public behaviour: Behaviour = () => 200) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/redaksi`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Goes down hard: held requests and open connections are cut, new ones are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.held.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests answered 2xx, in the order they were answered, first one per event id. */
  accepted(): ReceivedRequest[] {
    const seen = new Set<string>();
    return this.requests
      .filter((request) => request.answered !== undefined && request.answered >= 200 && request.answered < 300)
      .sort((a, b) => a.at - b.at)
      .filter((request) => {
        const id = String(request.headers['redaksi-event-id']);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        answered: undefined,
      };
      const eventId = req.headers['redaksi-event-id'];
      const earlier = this.requests.filter((r) => r.headers['redaksi-event-id'] === eventId).length;
      this.requests.push(request);
      const reaction = this.behaviour(request, earlier);
      if (reaction === 'hang') {
        this.held.add(res);
        return;
      }
      request.answered = reaction;
      res.writeHead(reaction, { 'Content-Type': 'text/plain' }).end(reaction < 300 ? 'ok' : 'no');
      request.at = Date.now();
    });
  }
}

export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
