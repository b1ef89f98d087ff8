import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Roles } from '../../platform/auth/index.js';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { type Logger, PINO_LOGGER } from '../../platform/logging/index.js';
import { positionFromCursor } from '../cursor-problem.js';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../delivery-config.js';
import { commentFrame, retryFrame } from './sse-frames.js';
import { SseSessions } from './sse-sessions.js';
import { SseWriter } from './sse-writer.js';
import { streamPublicEvents } from './stream-public-events.js';

const RECONNECT_MS = 2_000;

@ApiTags('feed')
@Controller('v1/feed/stream')
@Roles('service', 'admin')
export class FeedStreamController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly sessions: SseSessions,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Public events as server-sent events: history after the cursor, then live',
    description:
      'Each event: `id:` its cursor, `event:` its type, `data:` the event as JSON. Blocks with only an `id:` move the ' +
      'resume point past internal events; comment lines are heartbeats. A client that does not keep up is sent a ' +
      '`disconnect` event with the reason and disconnected; reconnect with Last-Event-ID.',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'after', required: false, description: 'Start after this cursor (Last-Event-ID wins when both are sent)' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this cursor (sent by EventSource on reconnect)' })
  @ApiOkResponse({ description: 'An endless text/event-stream' })
  @ApiForbiddenResponse({ description: 'Only service and admin keys read the feed' })
  async stream(
    @Query('after') after: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    // A reconnecting EventSource sends Last-Event-ID with its original URL: the header is newer.
    const resumeFrom = lastEventId?.trim() ? lastEventId.trim() : undefined;
    const from =
      resumeFrom !== undefined
        ? positionFromCursor(resumeFrom, 'Last-Event-ID')
        : after === undefined
          ? undefined
          : positionFromCursor(after, 'after');
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    // Express routes HEAD here too: it gets the headers, never an endless body it cannot have.
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    response.write(retryFrame(RECONNECT_MS) + commentFrame('Redaksi public events, contract version 1'));
    const writer = new SseWriter(response, this.config.stream);
    this.sessions.track(writer);
    await streamPublicEvents(this.store, from, writer, this.logger);
    if (!writer.closed) writer.disconnect('server-shutdown');
  }
}
