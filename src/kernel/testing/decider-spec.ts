import assert from 'node:assert/strict';
import type { DecideContext, Decider, Message } from '../decider.js';
import type { DomainRuleViolation } from '../rule-violation.js';

export interface SpecDecider<
  State,
  Command extends Message,
  Event extends Message,
  Violation extends DomainRuleViolation<string, string>,
> extends Decider<State, Command, Event> {
  /** The context's refusal: `thenThrows` accepts nothing else. */
  readonly violation: abstract new (...args: never[]) => Violation;
}

/**
 * given(history).when(command, ctx).then(events) | .thenAccepts() | .thenNothingHappens() | .thenThrows(code),
 * for any decider. Built on node:assert so it runs under any test runner and never needs Jest's
 * globals. Besides the comparison, `then` checks what every decision must satisfy: the events
 * are plain JSON and apply cleanly to the state they were decided on.
 */
export function deciderSpec<State, Command extends Message, Event extends Message, Violation extends DomainRuleViolation<string, string>>(
  decider: SpecDecider<State, Command, Event, Violation>,
) {
  const fold = (events: readonly Event[], initial: State | null = null): State | null =>
    events.reduce<State | null>((state, event) => decider.evolve(state, event), initial);
  const plainJson = (events: readonly Event[]) =>
    assert.deepStrictEqual(JSON.parse(JSON.stringify(events)), events, 'events must be plain JSON');

  return function given(history: readonly Event[]) {
    return {
      when(command: Command, ctx: DecideContext) {
        const state = fold(history);
        const run = () => decider.decide(state, command, ctx);
        return {
          then(expected: readonly Event[]): State | null {
            const events = run();
            assert.deepStrictEqual(events, expected);
            plainJson(events);
            return fold(events, state);
          },
          /** For table tests: the command is accepted (at least one event), whatever it records. */
          thenAccepts(): State {
            const events = run();
            assert.ok(events.length > 0, `${command.type} was accepted but recorded nothing`);
            plainJson(events);
            const after = fold(events, state);
            assert.ok(after !== null);
            return after;
          },
          thenNothingHappens(): void {
            assert.deepStrictEqual(run(), []);
          },
          thenThrows(code: Violation['code'], expected: { status?: NonNullable<Violation['status']>; message?: RegExp } = {}): Violation {
            let events: readonly Event[];
            try {
              events = run();
            } catch (error) {
              assert.ok(error instanceof decider.violation, `expected ${decider.violation.name}, got ${String(error)}`);
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
  };
}
