import type { Actor } from '../../articles/domain/actor.js';
import type { ContributorCommand } from './commands.js';

/** Who decides and when: the current user and the time reach the domain as data. */
export interface DecideContext {
  readonly actor: Actor;
  readonly now: Date;
}

export type Data<T extends ContributorCommand['type']> = Extract<ContributorCommand, { type: T }>['data'];

/** Who did it and when, as every contributor event records it. */
export function stamp(ctx: DecideContext): { by: string; byName: string; at: string } {
  return { by: ctx.actor.id, byName: ctx.actor.displayName, at: ctx.now.toISOString() };
}
