import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { HealthRegistry } from '../health/health.registry.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { Projection } from './projection.js';
import { PROJECTIONS, ProjectionRunners } from './projection-runners.js';
import { type ProjectionReport, projectionReports } from './projection-status.js';
import { ReadModels } from './read-models.js';

/**
 * /health (check `projections`: each model's position, lag and failure; unhealthy while a projection is
 * stopped on an event or has no model) and the projection metrics on /metrics.
 */
@Injectable()
export class ProjectionObservability implements OnModuleInit {
  private inFlight: Promise<ProjectionReport[]> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    private readonly readModels: ReadModels,
    private readonly runners: ProjectionRunners,
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('projections', async () => {
      const reports = await this.reports();
      return {
        status: reports.every((report) => report.healthy) ? 'ok' : 'error',
        details: Object.fromEntries(reports.map((report) => [report.projection, report])),
      };
    });
    this.registerMetrics();
  }

  /** A scrape asks once per metric: the calls that overlap share one look at the store and the file. */
  reports(): Promise<ProjectionReport[]> {
    this.inFlight ??= projectionReports(this.store, this.readModels, this.projections, (name) => this.runners.status(name)).finally(
      () => (this.inFlight = undefined),
    );
    return this.inFlight;
  }

  private registerMetrics(): void {
    // prom-client calls collect() with the metric as `this`; the reports come from here.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const registers = [this.metrics.registry];
    const labelNames = ['projection'] as const;
    const each = async (set: (report: ProjectionReport) => void): Promise<void> => {
      for (const report of await self.reports()) set(report);
    };
    new Gauge({
      name: 'redaksi_projection_position',
      help: 'Commit position of the active read model checkpoint',
      labelNames,
      registers,
      collect: function () {
        return each((r) => this.set({ projection: r.projection }, Number(r.active?.position ?? 0)));
      },
    });
    new Gauge({
      name: 'redaksi_projection_lag',
      help: 'How far the active read model is behind the head of the log, in log positions',
      labelNames,
      registers,
      collect: function () {
        return each((r) => this.set({ projection: r.projection }, r.active?.lag ?? 0));
      },
    });
    new Counter({
      name: 'redaksi_projection_events_processed_total',
      help: 'Events applied to the active read model (restarts from 0 when a rebuilt model takes over)',
      labelNames,
      registers,
      collect: async function () {
        const reports = await self.reports();
        this.reset();
        for (const r of reports) this.inc({ projection: r.projection }, r.active?.eventsApplied ?? 0);
      },
    });
    new Counter({
      name: 'redaksi_projection_failures_total',
      help: 'Times the active read model stopped on an event it could not apply',
      labelNames,
      registers,
      collect: async function () {
        const reports = await self.reports();
        this.reset();
        for (const r of reports) this.inc({ projection: r.projection }, r.active?.failures ?? 0);
      },
    });
    new Gauge({
      name: 'redaksi_projection_failing',
      help: '1 while the projection is stopped on a failed event, retrying, or has no read model yet; else 0',
      labelNames,
      registers,
      collect: function () {
        return each((r) => this.set({ projection: r.projection }, r.healthy ? 0 : 1));
      },
    });
  }
}
