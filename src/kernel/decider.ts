import type { Actor } from './identity.js';

/** Who decides and when: the current user and the time reach a decider as data. */
export interface DecideContext {
  readonly actor: Actor;
  readonly now: Date;
}

/** Commands and events are readonly data with a `type` discriminator. */
export interface Message {
  readonly type: string;
  readonly data: unknown;
}

/**
 * A context's pure rules: `decide` turns a command on the current state into events (or throws
 * the context's DomainRuleViolation), `evolve` applies one event. The state of an empty stream
 * is null. Plain functions, so the executor and the given/when/then specs run the same rules.
 */
export interface Decider<State, Command extends Message, Event extends Message> {
  decide(state: State | null, command: Command, context: DecideContext): readonly Event[];
  evolve(state: State | null, event: Event): State;
}
