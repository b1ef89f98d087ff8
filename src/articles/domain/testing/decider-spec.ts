import assert from 'node:assert/strict';
import type { Actor } from '../actor.js';
import type { ArticleCommand } from '../commands.js';
import { decide, type DecideContext } from '../decide.js';
import { type ArticleErrorCode, ArticleRuleViolation } from '../errors.js';
import type { ArticleEvent } from '../events.js';
import { fold } from '../evolve.js';
import type { ArticleState, ArticleStatus } from '../state.js';
import { clockAt } from './article-events.js';

/**
 * given(history).when(command, ctx).then(events) | .thenAccepts() | .thenNothingHappens() | .thenThrows(code).
 * Built on node:assert so it runs under any test runner and never needs Jest's globals.
 * Besides the comparison, `then` checks what every decision must satisfy: the events are
 * plain JSON and apply cleanly to the state they were decided on.
 */
export function given(history: readonly ArticleEvent[]) {
  return {
    when(command: ArticleCommand, ctx: DecideContext) {
      const state = fold(history);
      const run = () => decide(state, command, ctx);
      return {
        then(expected: readonly ArticleEvent[]): ArticleState | null {
          const events = run();
          assert.deepStrictEqual(events, expected);
          assert.deepStrictEqual(JSON.parse(JSON.stringify(events)), events, 'events must be plain JSON');
          return fold(events, state);
        },
        /** For table tests: the command is accepted (at least one event), whatever it records. */
        thenAccepts(): ArticleState {
          const events = run();
          assert.ok(events.length > 0, `${command.type} was accepted but recorded nothing`);
          assert.deepStrictEqual(JSON.parse(JSON.stringify(events)), events, 'events must be plain JSON');
          const after = fold(events, state);
          assert.ok(after !== null);
          return after;
        },
        thenNothingHappens(): void {
          assert.deepStrictEqual(run(), []);
        },
        thenThrows(code: ArticleErrorCode, expected: { status?: ArticleStatus; message?: RegExp } = {}): ArticleRuleViolation {
          let events: ArticleEvent[];
          try {
            events = run();
          } catch (error) {
            assert.ok(error instanceof ArticleRuleViolation, `expected ArticleRuleViolation, got ${String(error)}`);
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
