import type { EventStore } from '../event-store/event-store.port.js';
import type { FailedEvent, Generation } from './generations.js';
import type { Projection } from './projection.js';
import type { RunnerStatus } from './projection-runner.js';
import type { ReadModels } from './read-models.js';

export interface GenerationReport {
  readonly generation: number;
  /** Commit position of the checkpoint, as a decimal string (like X-Event-Position); null before the first event. */
  readonly position: string | null;
  /** How far behind the head of the log, in log positions (on the embedded store: events of any type). */
  readonly lag: number;
  readonly eventsApplied: number;
  readonly failures: number;
  readonly failedEvent: FailedEvent | null;
}

export interface ProjectionReport {
  readonly projection: string;
  readonly version: number;
  /** The model queries use; null when there is none yet. */
  readonly active: GenerationReport | null;
  /** A newer model being built from the log (rebuild or new version), if any. */
  readonly building: GenerationReport | null;
  /** Only where the projection runs in this process (API with REDAKSI_PROJECTIONS=inline, or the projector). */
  readonly runner: RunnerStatus | null;
  readonly healthy: boolean;
}

/** Reads everything from the read-model file, so it tells the truth whichever process runs the projections. */
export async function projectionReports(
  store: EventStore,
  readModels: ReadModels,
  projections: readonly Projection[],
  runnerStatus: (name: string) => RunnerStatus | undefined,
): Promise<ProjectionReport[]> {
  const [last] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
  const head = last?.position.commit ?? 0n;
  const generations = readModels.all();
  return projections.map((projection) => {
    const own = generations.filter((g) => g.projection === projection.name);
    const active = own.find((g) => g.state === 'active');
    const building = own.filter((g) => g.state === 'building').at(-1);
    const runner = runnerStatus(projection.name) ?? null;
    const failing = [active, building].some((g) => g?.failedEvent !== undefined) || runner?.state === 'retrying';
    return {
      projection: projection.name,
      version: projection.version,
      active: active === undefined ? null : report(active, head),
      building: building === undefined ? null : report(building, head),
      runner,
      healthy: active !== undefined && !failing,
    };
  });
}

function report(generation: Generation, head: bigint): GenerationReport {
  const position = generation.checkpoint?.commit;
  const lag = head - (position ?? 0n);
  return {
    generation: generation.generation,
    position: position === undefined ? null : String(position),
    lag: lag > 0n ? Number(lag) : 0,
    eventsApplied: generation.eventsApplied,
    failures: generation.failures,
    failedEvent: generation.failedEvent ?? null,
  };
}
