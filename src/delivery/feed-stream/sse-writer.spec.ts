import { EventEmitter } from 'node:events';
import { eventFrame } from './sse-frames.js';
import { type SseSink, SseWriter } from './sse-writer.js';

/** A response whose socket takes `capacity` bytes and then only what the test lets it drain. */
class FakeSocket extends EventEmitter implements SseSink {
  readonly written: string[] = [];
  writableLength = 0;
  ended = false;
  destroyed = false;
  constructor(private readonly capacity: number) {
    super();
  }
  write(chunk: string): boolean {
    this.written.push(chunk);
    this.writableLength += Buffer.byteLength(chunk);
    return this.writableLength < this.capacity;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
  drainAll(): void {
    this.writableLength = 0;
    this.emit('drain');
  }
  text(): string {
    return this.written.join('');
  }
}

const OPTIONS = { heartbeatMs: 60_000, drainTimeoutMs: 100, maxBufferedBytes: 10_000 };
const frame = (n: number): string => eventFrame('article.published', { n, padding: 'x'.repeat(200) }, `c${n}`);

describe('SseWriter', () => {
  test('a client that keeps reading gets every frame', async () => {
    const socket = new FakeSocket(500);
    const writer = new SseWriter(socket, OPTIONS);
    for (let n = 0; n < 20; n++) {
      const sending = writer.send(frame(n));
      setImmediate(() => socket.drainAll());
      expect(await sending).toBe(true);
    }
    expect(socket.written).toHaveLength(20);
    expect(writer.closed).toBe(false);
    writer.disconnect('server-shutdown');
    expect(await writer.done).toBe('server-shutdown');
  });

  test('a client whose socket stays full is disconnected with a reason, and memory stops growing', async () => {
    const socket = new FakeSocket(500);
    const writer = new SseWriter(socket, OPTIONS);
    const started = Date.now();
    let sent = 0;
    while (await writer.send(frame(sent))) sent += 1;
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    // The producer was held at the first full write: nothing piled up behind it.
    expect(sent).toBeLessThanOrEqual(2);
    expect(await writer.done).toBe('slow-consumer');
    expect(socket.text()).toMatch(
      /: disconnecting: the client did not read its stream in time\n\nevent: disconnect\ndata: \{"reason":"slow-consumer"/,
    );
    expect(socket.written.at(-1)).not.toMatch(/^id:/m);
    expect(socket.ended).toBe(true);
    expect(await writer.send(frame(99))).toBe(false);
    // It never reads, so it never takes the final frame either: the socket is cut.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(socket.destroyed).toBe(true);
  });

  test('more queued bytes than the limit disconnects at once', async () => {
    const socket = new FakeSocket(1_000_000);
    const writer = new SseWriter(socket, OPTIONS);
    expect(await writer.send(eventFrame('article.published', { big: 'y'.repeat(20_000) }, 'c1'))).toBe(false);
    expect(await writer.done).toBe('buffer-limit');
    expect(socket.text()).toContain('"reason":"buffer-limit"');
  });

  test('sends heartbeat comments while idle', async () => {
    const socket = new FakeSocket(1_000_000);
    const writer = new SseWriter(socket, { ...OPTIONS, heartbeatMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 90));
    expect(socket.written.filter((chunk) => chunk.startsWith(': heartbeat ')).length).toBeGreaterThanOrEqual(2);
    writer.disconnect('server-shutdown');
  });

  test('a client that goes away ends the stream', async () => {
    const socket = new FakeSocket(500);
    const writer = new SseWriter(socket, OPTIONS);
    const sending = writer.send(frame(1).repeat(3));
    socket.emit('close');
    expect(await sending).toBe(false);
    expect(await writer.done).toBe('client-closed');
  });
});
