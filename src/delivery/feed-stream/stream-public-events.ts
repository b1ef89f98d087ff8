import type { Logger } from 'pino';
import { comparePositions, type EventStore, type Position } from '../../platform/event-store/event-store.port.js';
import { type FollowedBatch, LogFollower } from '../../platform/log-follower/log-follower.js';
import { encodeCursor } from '../public-events/cursor.js';
import { ARTICLE_STREAMS, PublicEventProjector } from '../public-events/public-event-projector.js';
import { commentFrame, eventFrame, idFrame } from './sse-frames.js';
import type { SseWriter } from './sse-writer.js';

/** The client went away (or was disconnected): nothing more to send. */
class ClientGoneError extends Error {}

/**
 * Follows the log after `from` (history first, then live) and writes each public event as it comes.
 * The follower reads only when a batch has been sent, and every send is awaited, so a slow client
 * slows the reading down instead of piling events up in memory. A failure of the log ends the
 * stream: the client resumes with Last-Event-ID, from exactly where it got to.
 */
export async function streamPublicEvents(store: EventStore, from: Position | undefined, writer: SseWriter, logger: Logger): Promise<void> {
  const projector = new PublicEventProjector(store);
  let lastId = from;
  const send = async (frame: string): Promise<void> => {
    if (!(await writer.send(frame))) throw new ClientGoneError();
  };
  const follower = new LogFollower({
    name: 'feed stream',
    store,
    logger,
    filter: ARTICLE_STREAMS,
    from: () => from ?? 'start',
    handle: async (batch: FollowedBatch) => {
      if (writer.closed) throw new ClientGoneError();
      for (const event of batch.events) {
        const mapped = await projector.project(event);
        if (mapped === null) continue;
        await send(eventFrame(mapped.event.type, mapped.event, mapped.event.cursor));
        lastId = event.position;
      }
      if (batch.position !== undefined && (lastId === undefined || comparePositions(batch.position, lastId) > 0)) {
        await send(idFrame(encodeCursor(batch.position)));
        lastId = batch.position;
      }
      if (batch.caughtUp) await send(commentFrame('caught up; live events follow'));
    },
    onFailure: () => 'stop',
  });
  // Whoever ends the stream (client, slow socket, shutdown) also stops the reading.
  void writer.done.then(() => follower.stop());
  try {
    await follower.run();
  } catch (error) {
    if (error instanceof ClientGoneError || writer.closed) return;
    logger.warn({ err: error }, 'Feed stream lost the event log; disconnecting the client');
    writer.disconnect('source-failed');
  }
}
