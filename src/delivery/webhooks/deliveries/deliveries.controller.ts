import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  type SchemaObject,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../../kernel/identity.js';
import { CurrentActor, Roles } from '../../../platform/auth/index.js';
import { EVENT_STORE, type EventStore } from '../../../platform/event-store/event-store.port.js';
import { decodeCursor } from '../../public-events/cursor.js';
import { DeliveryNotFoundError, DeliveryNotParkedError, SubscriberNotFoundError, invalidField } from '../subscriber-problems.js';
import { SubscriberStore } from '../subscribers/subscriber-store.js';
import { WebhookLedger } from '../ledger/webhook-ledger.js';
import { DeliveriesQueryDto, ReplayDto } from './deliveries.dto.js';
import { payloadOf } from './delivery-payload.js';
import { DELIVERY_SCHEMA, type DeliveryDetailView, type DeliveryView, toDeliveryDetailView, toDeliveryView } from './delivery-view.js';
import { Outbox } from './outbox.js';

const REDRIVEN_SCHEMA: SchemaObject = { type: 'object', properties: { redriven: { type: 'integer' } } };

@ApiTags('webhooks')
@Controller('v1/subscribers/:id')
@Roles('admin')
@ApiForbiddenResponse({ description: 'Only admins see and steer deliveries' })
@ApiNotFoundResponse({ description: 'No such subscriber (or delivery)' })
export class DeliveriesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly subscribers: SubscriberStore,
    private readonly outbox: Outbox,
    private readonly ledger: WebhookLedger,
  ) {}

  @Get('deliveries')
  @ApiOperation({ summary: "The subscriber's delivery log, newest first" })
  @ApiOkResponse({ schema: { type: 'array', items: DELIVERY_SCHEMA } })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: DeliveriesQueryDto): DeliveryView[] {
    this.requireSubscriber(id);
    return this.outbox.list(id, { status: query.status, before: query.before, limit: query.limit ?? 50 }).map(toDeliveryView);
  }

  @Get('deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery with every attempt and the payload it sends' })
  @ApiOkResponse({ schema: DELIVERY_SCHEMA })
  async get(@Param('id', ParseUUIDPipe) id: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string): Promise<DeliveryDetailView> {
    this.requireSubscriber(id);
    const delivery = this.outbox.get(id, deliveryId);
    if (delivery === undefined) throw new DeliveryNotFoundError(deliveryId);
    return toDeliveryDetailView(delivery, this.outbox.attempts(deliveryId), await payloadOf(this.store, delivery));
  }

  @Post('deliveries/redrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send every parked delivery again, each article in order, with a fresh set of attempts' })
  @ApiOkResponse({ schema: REDRIVEN_SCHEMA })
  async redriveAll(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<{ redriven: number }> {
    this.requireSubscriber(id);
    const redriven = this.outbox.counts(id).parked;
    if (redriven > 0) await this.ledger.redrive(id, null, actor.id, Date.now());
    return { redriven };
  }

  @Post('deliveries/:deliveryId/redrive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a parked delivery again',
    description: "The article's other parked deliveries go with it, oldest first, so the article's order holds.",
  })
  @ApiOkResponse({ schema: REDRIVEN_SCHEMA })
  @ApiConflictResponse({ description: 'The delivery is not parked' })
  async redrive(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ redriven: number }> {
    this.requireSubscriber(id);
    const result = this.outbox.parkedChain(id, deliveryId);
    if (result === 'not-found') throw new DeliveryNotFoundError(deliveryId);
    if (result === 'not-parked') {
      throw new DeliveryNotParkedError(deliveryId);
    }
    await this.ledger.redrive(id, deliveryId, actor.id, Date.now());
    return result;
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver again from a position: "start" or a cursor',
    description:
      'Undelivered and parked deliveries are superseded; every matching event after the position is delivered again, with its original event id.',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { from: { type: 'string' }, superseded: { type: 'integer' } } } })
  async replay(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplayDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ from: string; superseded: number }> {
    this.requireSubscriber(id);
    if (body.from !== 'start' && decodeCursor(body.from) === undefined) throw invalidField('from', 'expected "start" or a feed cursor');
    const { pending, parked } = this.outbox.counts(id);
    await this.ledger.replay(id, body.from === 'start' ? null : body.from, actor.id, Date.now());
    return { from: body.from, superseded: pending + parked };
  }

  private requireSubscriber(id: string): void {
    if (this.subscribers.get(id) === undefined) throw new SubscriberNotFoundError(id);
  }
}
