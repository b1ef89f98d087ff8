import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../../kernel/identity.js';
import { CurrentActor, Roles } from '../../../platform/auth/index.js';
import { EVENT_STORE, type EventStore } from '../../../platform/event-store/event-store.port.js';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../../delivery-config.js';
import { PUBLIC_EVENT_TYPES } from '../../public-events/contract.js';
import { decodeCursor, encodeCursor } from '../../public-events/cursor.js';
import { Outbox } from '../deliveries/outbox.js';
import { SubscriberNotFoundError, invalidField } from '../subscriber-problems.js';
import { WebhookLedger } from '../ledger/webhook-ledger.js';
import { targetUrlProblem } from './target-url.js';
import { SubscriberStore } from './subscriber-store.js';
import { SUBSCRIBER_SCHEMA, type SubscriberView, toSubscriberView } from './subscriber-view.js';
import { CreateSubscriberDto } from './subscribers.dto.js';

@ApiTags('webhooks')
@Controller('v1/subscribers')
@Roles('admin')
@ApiForbiddenResponse({ description: 'Only admins manage subscribers' })
export class SubscribersController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    private readonly subscribers: SubscriberStore,
    private readonly outbox: Outbox,
    private readonly ledger: WebhookLedger,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a webhook subscriber; the response is the only one that shows its secret' })
  @ApiCreatedResponse({
    schema: {
      ...SUBSCRIBER_SCHEMA,
      properties: { ...SUBSCRIBER_SCHEMA.properties, secret: { type: 'string', description: 'Shown only here' } },
    },
  })
  async create(
    @Body() body: CreateSubscriberDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubscriberView & { readonly secret: string }> {
    const problem = targetUrlProblem(body.url, this.config.webhooks.allowPrivateUrls);
    if (problem !== undefined) throw invalidField('url', problem);
    const id = randomUUID();
    const secret = body.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    const registered = await this.ledger.register({
      id,
      url: body.url,
      eventTypes: body.eventTypes ?? [...PUBLIC_EVENT_TYPES],
      topics: [...new Set(body.topics?.map((topic) => topic.trim()) ?? [])],
      secret,
      description: body.description ?? null,
      createdAt: Date.now(),
      createdBy: actor.id,
      checkpoint: await this.startingCheckpoint(body.from ?? 'now'),
    });
    const subscriber = this.subscribers.get(id);
    // A fresh random id whose stream exists already, or a fold that lost it: nothing to answer but a 500.
    if (!registered || subscriber === undefined)
      throw new Error(`Subscriber ${id} could not be registered (ledger stream taken, or missing from the fold)`);
    response.setHeader('Location', `/v1/subscribers/${id}`);
    return { ...toSubscriberView(subscriber, this.outbox.counts(id)), secret };
  }

  @Get()
  @ApiOperation({ summary: 'Every subscriber, with its delivery counts' })
  @ApiOkResponse({ schema: { type: 'array', items: SUBSCRIBER_SCHEMA } })
  list(): SubscriberView[] {
    return this.subscribers.list().map((subscriber) => toSubscriberView(subscriber, this.outbox.counts(subscriber.id)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscriber, with its checkpoint and delivery counts' })
  @ApiOkResponse({ schema: SUBSCRIBER_SCHEMA })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): SubscriberView {
    const subscriber = this.subscribers.get(id);
    if (subscriber === undefined) throw new SubscriberNotFoundError(id);
    return toSubscriberView(subscriber, this.outbox.counts(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Stop delivering and remove the subscriber with its delivery log (the ledger in the event log keeps its history)',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    if (this.subscribers.get(id) === undefined) throw new SubscriberNotFoundError(id);
    // Every instance's fold removes it and stops its worker; the ledger keeps the record.
    await this.ledger.delete(id, actor.id, Date.now());
  }

  private async startingCheckpoint(from: string): Promise<string | null> {
    if (from === 'start') return null;
    if (from === 'now') {
      const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1 });
      return last === undefined ? null : encodeCursor(last.position);
    }
    if (decodeCursor(from) === undefined) throw invalidField('from', 'expected "now", "start" or a feed cursor');
    return from;
  }
}
