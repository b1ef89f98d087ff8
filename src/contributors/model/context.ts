import type { DecideContext } from '../../kernel/decider.js';
import type { ContributorCommand } from './commands.js';

export type { DecideContext };

export type Data<T extends ContributorCommand['type']> = Extract<ContributorCommand, { type: T }>['data'];

/** Who did it and when, as every contributor event records it. */
export function stamp(ctx: DecideContext): { by: string; byName: string; at: string } {
  return { by: ctx.actor.id, byName: ctx.actor.displayName, at: ctx.now.toISOString() };
}
