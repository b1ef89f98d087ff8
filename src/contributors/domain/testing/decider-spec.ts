import assert from 'node:assert/strict';
import type { Actor } from '../../../articles/domain/actor.js';
import type { ContributorCommand } from '../commands.js';
import { decide, type DecideContext } from '../decide.js';
import { type ContributorErrorCode, ContributorRuleViolation } from '../errors.js';
import type { ContributorEvent } from '../events.js';
import { fold } from '../evolve.js';
import type { ContributorState, VerificationStatus } from '../state.js';
import { clockAt } from './contributor-events.js';

/**
 * given(history).when(command, ctx).then(events) | .thenNothingHappens() | .thenThrows(code).
 * On node:assert, so it needs no Jest globals. `then` also checks what every decision must
 * satisfy: the events are plain JSON and apply cleanly to the state they were decided on.
 */
export function given(history: readonly ContributorEvent[]) {
  return {
    when(command: ContributorCommand, ctx: DecideContext) {
      const state = fold(history);
      const run = () => decide(state, command, ctx);
      return {
        then(expected: readonly ContributorEvent[]): ContributorState | null {
          const events = run();
          assert.deepStrictEqual(events, expected);
          assert.deepStrictEqual(JSON.parse(JSON.stringify(events)), events, 'events must be plain JSON');
          return fold(events, state);
        },
        thenNothingHappens(): void {
          assert.deepStrictEqual(run(), []);
        },
        thenThrows(
          code: ContributorErrorCode,
          expected: { status?: VerificationStatus; message?: RegExp } = {},
        ): ContributorRuleViolation {
          let events: ContributorEvent[];
          try {
            events = run();
          } catch (error) {
            assert.ok(error instanceof ContributorRuleViolation, `expected ContributorRuleViolation, got ${String(error)}`);
            assert.equal(error.code, code, `expected '${code}', got '${error.code}': ${error.message}`);
            if (expected.status !== undefined) {
              assert.equal(error.status, expected.status);
              assert.match(error.message, new RegExp(`\\bstatus ${expected.status}\\b`));
            }
            if (expected.message !== undefined) assert.match(error.message, expected.message);
            return error;
          }
          assert.fail(`expected '${code}' but ${command.type} decided ${JSON.stringify(events.map((e) => e.type))}`);
        },
      };
    },
  };
}

/** The decision context: who acts, and when (minutes on the sample story's clock). */
export function acting(actor: Actor, atMinute = 60): DecideContext {
  return { actor, now: clockAt(atMinute) };
}
