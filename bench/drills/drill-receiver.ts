import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook receiver for the crash drill (127.0.0.1, answers 204): which event ids arrived, how
 * often. A server killed mid-request sends some again after its restart, so repeats are counted,
 * not refused: the drill checks that nothing is missing.
 */
export class DrillReceiver {
  readonly received = new Map<string, number>();
  private server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const eventId = req.headers['redaksi-event-id'];
        if (typeof eventId === 'string') this.received.set(eventId, (this.received.get(eventId) ?? 0) + 1);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/drill`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  }
}
