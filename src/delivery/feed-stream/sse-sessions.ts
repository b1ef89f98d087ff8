import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { SseWriter } from './sse-writer.js';

/**
 * The open streams, so shutdown can end them: the HTTP server only finishes closing when its
 * responses have, and a stream never finishes on its own. Clients are told to come back.
 */
@Injectable()
export class SseSessions implements BeforeApplicationShutdown {
  private readonly writers = new Set<SseWriter>();

  track(writer: SseWriter): void {
    this.writers.add(writer);
    void writer.done.then(() => this.writers.delete(writer));
  }

  get size(): number {
    return this.writers.size;
  }

  beforeApplicationShutdown(): void {
    for (const writer of this.writers) writer.disconnect('server-shutdown');
  }
}
