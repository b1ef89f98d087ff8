import { deciderSpec } from '../../../kernel/testing/decider-spec.js';
import type { Actor } from '../../../kernel/identity.js';
import { decide, type DecideContext } from '../decide.js';
import { ArticleRuleViolation } from '../errors.js';
import { evolve } from '../evolve.js';
import { clockAt } from './article-events.js';

/** given(history).when(command, ctx).then(events) | .thenAccepts() | .thenNothingHappens() | .thenThrows(code). */
export const given = deciderSpec({ decide, evolve, violation: ArticleRuleViolation });

/** The decision context: who acts, and when (minutes on the sample story's clock). */
export function acting(actor: Actor, atMinute = 60): DecideContext {
  return { actor, now: clockAt(atMinute) };
}
