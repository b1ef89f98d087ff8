import { dueSchedulesProjection } from '../articles/scheduling/due-schedules.projection.js';
import { deskProjection } from './desk/desk.projection.js';
import { publishingProjection } from './live-site/publishing.projection.js';
import type { Projection } from '../platform/projections/projection.js';

/** Every read model, in one list: the runners, the rebuild CLI, /health and /metrics go by it. */
export const ALL_PROJECTIONS: readonly Projection[] = [publishingProjection, deskProjection, dueSchedulesProjection];

export function projectionsNamed(names: readonly string[]): Projection[] {
  const unknown = names.filter((name) => !ALL_PROJECTIONS.some((projection) => projection.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown projection ${unknown.join(', ')}; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
  }
  return names.length === 0 ? [...ALL_PROJECTIONS] : ALL_PROJECTIONS.filter((projection) => names.includes(projection.name));
}
