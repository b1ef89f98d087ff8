import { commentFrame, eventFrame } from './sse-frames.js';

/** What the writer needs of a response: a ServerResponse, or any Writable in tests. */
export interface SseSink {
  write(chunk: string): boolean;
  end(): unknown;
  destroy(): unknown;
  readonly writableLength: number;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

export interface SseWriterOptions {
  readonly heartbeatMs: number;
  readonly drainTimeoutMs: number;
  readonly maxBufferedBytes: number;
}

export type SseCloseReason = 'client-closed' | 'slow-consumer' | 'buffer-limit' | 'server-shutdown' | 'source-failed';

const REASONS: Readonly<Record<Exclude<SseCloseReason, 'client-closed'>, string>> = {
  'slow-consumer': 'the client did not read its stream in time',
  'buffer-limit': 'too much data is waiting for the client to read it',
  'server-shutdown': 'the server is shutting down',
  'source-failed': 'the event log is not available',
};

/** A client that never reads will never take the final frame either; its socket is cut after this. */
const FINAL_FRAME_GRACE_MS = 1_000;

/**
 * Writes one SSE response with bounded memory. The producer awaits every send, and a send
 * that fills the socket waits for 'drain' (so the log is read only as fast as the client
 * reads); if the drain does not come in time, or the queued bytes pass the limit, the client
 * is disconnected with a final `disconnect` event that says why, and can resume from its
 * Last-Event-ID. Heartbeat comments keep proxies from closing an idle stream.
 */
export class SseWriter {
  private closedWith: SseCloseReason | undefined;
  private draining = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly onClientClose = (): void => this.finish('client-closed');
  private resolveDone: (reason: SseCloseReason) => void = () => undefined;
  /** Resolves with the reason once the stream is over, whoever ended it. */
  readonly done = new Promise<SseCloseReason>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly sink: SseSink,
    private readonly options: SseWriterOptions,
  ) {
    sink.once('close', this.onClientClose);
    this.heartbeat = setInterval(() => {
      if (!this.draining) this.push(commentFrame(`heartbeat ${new Date().toISOString()}`));
    }, options.heartbeatMs);
    this.heartbeat.unref();
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Writes a frame; resolves true once the client can take more, false if the stream is over. */
  async send(frame: string): Promise<boolean> {
    if (this.closed) return false;
    if (this.push(frame)) return !this.closed;
    if (this.closed) return false;
    this.draining = true;
    const drained = await this.drain();
    this.draining = false;
    if (!drained && !this.closed) this.disconnect('slow-consumer');
    return !this.closed;
  }

  /** Ends the stream with a last `disconnect` event saying why (a comment line says it too, for humans). */
  disconnect(reason: Exclude<SseCloseReason, 'client-closed'>): void {
    if (this.closed) return;
    const message = REASONS[reason];
    this.sink.write(commentFrame(`disconnecting: ${message}`) + eventFrame('disconnect', { reason, message }));
    this.finish(reason);
    this.sink.end();
    const cut = setTimeout(() => this.sink.destroy(), FINAL_FRAME_GRACE_MS);
    cut.unref();
    this.sink.once('close', () => clearTimeout(cut));
  }

  /** Writes without waiting; false when the socket is full. Over the byte limit it disconnects. */
  private push(frame: string): boolean {
    if (this.closed) return false;
    const accepted = this.sink.write(frame);
    if (this.sink.writableLength > this.options.maxBufferedBytes) {
      this.disconnect('buffer-limit');
      return false;
    }
    return accepted;
  }

  private drain(): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (drained: boolean): void => {
        clearTimeout(timer);
        this.sink.off('drain', onDrain);
        this.sink.off('close', onClose);
        resolve(drained);
      };
      const onDrain = (): void => settle(true);
      const onClose = (): void => settle(false);
      const timer = setTimeout(() => settle(false), this.options.drainTimeoutMs);
      this.sink.once('drain', onDrain);
      this.sink.once('close', onClose);
    });
  }

  private finish(reason: SseCloseReason): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = reason;
    clearInterval(this.heartbeat);
    this.sink.off('close', this.onClientClose);
    this.resolveDone(reason);
  }
}
