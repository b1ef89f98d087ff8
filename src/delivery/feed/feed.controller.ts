import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/index.js';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { positionFromCursor } from '../cursor-problem.js';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../delivery-config.js';
import type { PublicEvent } from '../public-events/contract.js';
import { encodeCursor } from '../public-events/cursor.js';
import { PUBLIC_EVENT_SCHEMA } from '../public-events/openapi-schemas.js';
import { readFeedPage } from './feed-page.js';
import { FeedQueryDto } from './feed.dto.js';

export interface FeedPageView {
  readonly events: readonly PublicEvent[];
  /** Pass as `after` for the next page; null only while the log holds no article event at all. */
  readonly next: string | null;
  readonly endOfFeed: boolean;
}

@ApiTags('feed')
@Controller('v1/feed')
@Roles('service', 'admin')
export class FeedController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Public events in log order, a page at a time',
    description:
      'Continue with `after=<next>`. A page can be short, even empty, when it read past internal events; ' +
      '`endOfFeed` says the end of the log was reached (poll later or use /v1/feed/stream).',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['events', 'next', 'endOfFeed'],
      properties: {
        events: { type: 'array', items: PUBLIC_EVENT_SCHEMA },
        next: { type: 'string', nullable: true },
        endOfFeed: { type: 'boolean' },
      },
    },
  })
  @ApiForbiddenResponse({ description: 'Only service and admin keys read the feed' })
  async page(@Query() query: FeedQueryDto): Promise<FeedPageView> {
    const after = query.after === undefined ? undefined : positionFromCursor(query.after, 'after');
    const { feed } = this.config;
    const page = await readFeedPage(this.store, {
      after,
      limit: Math.min(query.limit ?? feed.defaultLimit, feed.maxLimit),
      scanLimit: feed.scanLimit,
    });
    return { events: page.events, next: page.next === undefined ? null : encodeCursor(page.next), endOfFeed: page.endOfFeed };
  }
}
