import { ARTICLE_EVENTS } from '../model/events.js';
import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventStore,
  type Position,
  type Subscription,
  type SubscriptionMessage,
} from '../../platform/event-store/event-store.port.js';
import { CLOCK, type Clock } from '../../kernel/clock.js';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { nameBasedId } from '../../kernel/ids.js';
import type { Actor } from '../../kernel/identity.js';
import { PublishArticle } from '../publishing/publish-article.command.js';

export const SCHEDULER_OPTIONS = Symbol('SchedulerOptions');
export interface SchedulerOptions {
  readonly enabled: boolean;
  readonly tickMs: number;
}

export const SCHEDULER_ACTOR: Actor = { id: 'system:scheduler', displayName: 'Redaksi scheduler', roles: [], system: true };

interface DueEntry {
  readonly publishAt: number;
  readonly scheduledRevision: bigint;
  readonly scheduledEventId: string;
  attempts: number;
  notBefore: number;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * Publishes scheduled articles when their time comes. It learns schedules from the log (a
 * catch-up subscription from the start), so a schedule made before a restart, or missed
 * while the server was down, is published after start. Each publication's command id is
 * derived from the schedule event, so a repeat (another instance, a retry) writes once.
 */
@Injectable()
export class ScheduledPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScheduledPublisher.name);
  private readonly due = new Map<string, DueEntry>();
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private caughtUp = false;
  private markCaughtUp: () => void = () => undefined;
  private readonly caughtUpSignal = new Promise<void>((resolve) => (this.markCaughtUp = resolve));
  private ticking: Promise<void> | undefined;
  private position: Position | undefined;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.following = this.follow();
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    await this.subscription?.close();
    await this.following;
    await this.ticking;
  }

  /** Articles waiting for their time, for health and tests. */
  pending(): ReadonlyMap<string, { publishAt: string }> {
    return new Map([...this.due].map(([id, entry]) => [id, { publishAt: new Date(entry.publishAt).toISOString() }]));
  }

  /** Resolves once the scheduler has read the whole log and knows every pending schedule. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUpSignal;
  }

  /** Publish everything due now. Runs on a timer; tests call it directly. */
  tick(): Promise<void> {
    this.ticking ??= this.publishDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /**
   * Follows the article streams from where it got to (the start, on boot). Losing the log (an
   * event store that stays away longer than the adapter's own resubscription) is logged and
   * retried with backoff from the last position read: schedules are never left unwatched.
   */
  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      const subscription = this.store.subscribeToAll({
        fromPosition: this.position ?? 'start',
        filter: { on: 'streamName', prefixes: [`${ARTICLE_EVENTS.category}-`] },
      });
      this.subscription = subscription;
      try {
        if (this.stopping.signal.aborted) return;
        for await (const message of subscription) {
          failures = 0;
          this.handle(message);
        }
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        failures += 1;
        const delayMs = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (failures - 1));
        this.logger.error({ msg: 'Scheduler lost the log; following it again', err: error, retryInMs: delayMs });
        await delay(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      } finally {
        await subscription.close();
      }
    }
  }

  private handle(message: SubscriptionMessage): void {
    if (message.kind === 'caughtUp') {
      this.caughtUp = true;
      this.markCaughtUp();
      void this.tick();
      return;
    }
    this.position = message.kind === 'checkpoint' ? message.position : message.event.position;
    if (message.kind !== 'event') return;
    const { event } = message;
    const articleId = ARTICLE_EVENTS.idFromStream(event.streamId);
    if (articleId === undefined) return;
    if (event.type === 'ArticleScheduled') {
      const { publishAt } = event.data as { publishAt: string };
      this.due.set(articleId, {
        publishAt: Date.parse(publishAt),
        scheduledRevision: event.revision,
        scheduledEventId: event.id,
        attempts: 0,
        notBefore: 0,
      });
    } else if (event.type !== 'RelatedLinked' && event.type !== 'RelatedUnlinked') {
      // While scheduled, any other event (unscheduled, published, revised…) ends the schedule.
      this.due.delete(articleId);
    }
  }

  private async publishDue(): Promise<void> {
    if (!this.caughtUp) return;
    const now = this.clock().getTime();
    for (const [articleId, entry] of this.due) {
      if (entry.publishAt > now || entry.notBefore > now) continue;
      try {
        await this.commands.execute(new PublishArticle(articleId, 'publish-scheduled', this.envelopeFor(articleId, entry)));
        this.logger.log({ msg: 'Published scheduled article', articleId, publishAt: new Date(entry.publishAt).toISOString() });
        this.due.delete(articleId);
      } catch (error) {
        entry.attempts += 1;
        entry.notBefore = now + Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** entry.attempts);
        this.logger.warn({ msg: 'Scheduled publication failed; will retry', articleId, attempts: entry.attempts, err: error });
      }
    }
  }

  private envelopeFor(articleId: string, entry: DueEntry): CommandEnvelope {
    const idempotencyKey = `scheduled-publication:${articleId}:${String(entry.scheduledRevision)}`;
    return {
      actor: SCHEDULER_ACTOR,
      commandId: nameBasedId('scheduled-publication', articleId, String(entry.scheduledRevision)),
      correlationId: entry.scheduledEventId,
      causationId: entry.scheduledEventId,
      idempotencyKey,
      requestHash: idempotencyKey,
    };
  }
}
