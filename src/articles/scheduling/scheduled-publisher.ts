import { setTimeout as delay } from 'node:timers/promises';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../kernel/clock.js';
import type { Actor } from '../../kernel/identity.js';
import { nameBasedId } from '../../kernel/ids.js';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { ReadModels, ReadModelUnavailableError } from '../../platform/projections/read-models.js';
import { PublishArticle } from '../publishing/publish-article.command.js';
import { dueSchedulesProjection } from './due-schedules.projection.js';

export const SCHEDULER_OPTIONS = Symbol('SchedulerOptions');
export interface SchedulerOptions {
  readonly enabled: boolean;
  readonly tickMs: number;
}

export const SCHEDULER_ACTOR: Actor = { id: 'system:scheduler', displayName: 'Redaksi scheduler', roles: [], system: true };

interface ScheduleRow {
  article_id: string;
  publish_at: number;
  scheduled_revision: number;
  scheduled_event_id: string;
}

interface Retry {
  readonly scheduledRevision: number;
  readonly attempts: number;
  readonly notBefore: number;
}

const MAX_BACKOFF_MS = 60_000;
const CAUGHT_UP_POLL_MS = 50;

/**
 * Publishes scheduled articles when their time comes. The schedules come from a read model (the
 * `schedules` projection, checkpointed like the others), so a schedule made before a restart, or
 * missed while the server was down, is published after start without reading the log from the
 * beginning. Each publication's command id is derived from the schedule event, so a repeat
 * (another instance, a retry) writes once; a schedule the model shows but the article no longer
 * has is refused by the article's own rules.
 */
@Injectable()
export class ScheduledPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScheduledPublisher.name);
  private readonly retries = new Map<string, Retry>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
    private readonly readModels: ReadModels,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    // What fell due while the server was down goes out as soon as the model has caught up.
    void this.whenCaughtUp().then(
      () => this.tick(),
      (error: unknown) =>
        this.logger.warn({ msg: 'Could not tell whether the schedules are caught up; the timer will publish them', err: error }),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    await this.ticking;
  }

  /** Articles waiting for their time, as the schedules read model has them (empty while it is not there). */
  pending(): ReadonlyMap<string, { publishAt: string }> {
    const rows = this.schedules((table) => `SELECT * FROM ${table} ORDER BY publish_at, article_id`) ?? [];
    return new Map(rows.map((row) => [row.article_id, { publishAt: new Date(row.publish_at).toISOString() }]));
  }

  /**
   * Resolves once the schedules read model has read the log as far as it reached when this was called:
   * every schedule made before then is known.
   */
  async whenCaughtUp(): Promise<void> {
    const [last] = await this.store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    if (last === undefined) return;
    while (!this.stopping.signal.aborted) {
      const reached = await this.readModels.waitFor([dueSchedulesProjection.name], last.position.commit, CAUGHT_UP_POLL_MS * 20);
      if (reached.caughtUp) return;
      await delay(CAUGHT_UP_POLL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  /** Publish everything due now. Runs on a timer; tests call it directly. */
  tick(): Promise<void> {
    this.ticking ??= this.publishDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async publishDue(): Promise<void> {
    const now = this.clock().getTime();
    const due = this.schedules((table) => `SELECT * FROM ${table} WHERE publish_at <= ? ORDER BY publish_at, article_id`, now);
    if (due === undefined) return;
    for (const row of due) {
      if (this.stopping.signal.aborted) return;
      const retry = this.retries.get(row.article_id);
      if (retry !== undefined && retry.scheduledRevision === row.scheduled_revision && retry.notBefore > now) continue;
      try {
        await this.commands.execute(new PublishArticle(row.article_id, 'publish-scheduled', envelopeFor(row)));
        this.retries.delete(row.article_id);
        this.logger.log({
          msg: 'Published scheduled article',
          articleId: row.article_id,
          publishAt: new Date(row.publish_at).toISOString(),
        });
      } catch (error) {
        const attempts = retry?.scheduledRevision === row.scheduled_revision ? retry.attempts + 1 : 1;
        this.retries.set(row.article_id, {
          scheduledRevision: row.scheduled_revision,
          attempts,
          notBefore: now + Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** attempts),
        });
        this.logger.warn({ msg: 'Scheduled publication failed; will retry', articleId: row.article_id, attempts, err: error });
      }
    }
  }

  /** The schedules model's rows, or undefined while there is no model. */
  private schedules(sql: (table: string) => string, ...params: unknown[]): ScheduleRow[] | undefined {
    try {
      return this.readModels.query(dueSchedulesProjection, (q) => q.all<ScheduleRow>(sql(q.tables.schedules), ...params));
    } catch (error) {
      if (error instanceof ReadModelUnavailableError) return undefined;
      throw error;
    }
  }
}

function envelopeFor(row: ScheduleRow): CommandEnvelope {
  const idempotencyKey = `scheduled-publication:${row.article_id}:${String(row.scheduled_revision)}`;
  return {
    actor: SCHEDULER_ACTOR,
    commandId: nameBasedId('scheduled-publication', row.article_id, String(row.scheduled_revision)),
    correlationId: row.scheduled_event_id,
    causationId: row.scheduled_event_id,
    idempotencyKey,
    requestHash: idempotencyKey,
  };
}
