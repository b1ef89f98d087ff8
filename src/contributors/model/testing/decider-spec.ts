import type { Actor } from '../../../kernel/identity.js';
import { deciderSpec } from '../../../kernel/testing/decider-spec.js';
import { decide, type DecideContext } from '../decide.js';
import { ContributorRuleViolation } from '../errors.js';
import { evolve } from '../evolve.js';
import { clockAt } from './contributor-events.js';

/** given(history).when(command, ctx).then(events) | .thenNothingHappens() | .thenThrows(code). */
export const given = deciderSpec({ decide, evolve, violation: ContributorRuleViolation });

/** The decision context: who acts, and when (minutes on the sample story's clock). */
export function acting(actor: Actor, atMinute = 60): DecideContext {
  return { actor, now: clockAt(atMinute) };
}
