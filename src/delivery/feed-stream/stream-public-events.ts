import type { Logger } from 'pino';
import { comparePositions, type EventStore, type Position } from '../../platform/event-store/event-store.port.js';
import { encodeCursor } from '../public-events/cursor.js';
import { ARTICLE_STREAMS, PublicEventProjector } from '../public-events/public-event-projector.js';
import { commentFrame, eventFrame, idFrame } from './sse-frames.js';
import type { SseWriter } from './sse-writer.js';

/**
 * Follows the log after `from` (a catch-up subscription: history first, then live) and writes
 * each public event as it comes. The subscription reads only when the loop asks for the next
 * message, and the loop waits for every send, so a slow client slows the reading down instead
 * of piling events up in memory.
 */
export async function streamPublicEvents(store: EventStore, from: Position | undefined, writer: SseWriter, logger: Logger): Promise<void> {
  const subscription = store.subscribeToAll({ fromPosition: from ?? 'start', filter: ARTICLE_STREAMS });
  // Whoever ends the stream (client, slow socket, shutdown) also releases the subscription.
  void writer.done.then(() => subscription.close());
  const projector = new PublicEventProjector(store);
  let lastId = from;
  try {
    for await (const message of subscription) {
      if (writer.closed) break;
      let frame: string | undefined;
      if (message.kind === 'event') {
        const mapped = await projector.project(message.event);
        if (mapped !== null) {
          frame = eventFrame(mapped.event.type, mapped.event, mapped.event.cursor);
          lastId = message.event.position;
        }
      } else if (message.kind === 'checkpoint') {
        if (lastId === undefined || comparePositions(message.position, lastId) > 0) {
          frame = idFrame(encodeCursor(message.position));
          lastId = message.position;
        }
      } else {
        frame = commentFrame('caught up; live events follow');
      }
      if (frame !== undefined && !(await writer.send(frame))) break;
    }
  } catch (error) {
    if (!writer.closed) {
      logger.warn({ err: error }, 'Feed stream lost the event log; disconnecting the client');
      writer.disconnect('source-failed');
    }
  } finally {
    await subscription.close();
  }
}
