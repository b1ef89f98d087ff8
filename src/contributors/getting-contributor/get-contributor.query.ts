import { CONTRIBUTOR_EVENTS } from '../model/events.js';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../kernel/identity.js';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { readContributorStream } from '../application/contributor-stream.js';
import { ContributorRuleViolation } from '../model/errors.js';
import { fold } from '../model/evolve.js';
import { mayReadContributor } from '../model/rules.js';
import type { ContributorState } from '../model/state.js';

export interface ContributorSnapshot {
  readonly state: ContributorState;
  readonly revision: bigint;
  readonly position: bigint;
}

/** The current state of one contributor, rebuilt from its stream (never from a read model). */
export class GetContributor extends Query<ContributorSnapshot> {
  constructor(
    readonly contributorId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetContributor)
export class GetContributorHandler implements IQueryHandler<GetContributor> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contributorId, actor }: GetContributor): Promise<ContributorSnapshot> {
    // Decided on ids alone, before reading: a writer learns nothing about whether others have a profile.
    if (!mayReadContributor(actor, contributorId)) {
      const code = actor.roles.includes('writer') ? 'not_owner' : 'forbidden';
      throw new ContributorRuleViolation(code, `Principal ${actor.id} may not read contributor ${contributorId}`);
    }
    const recorded = await readContributorStream(this.store, contributorId);
    const state = fold(recorded.map((recorded) => CONTRIBUTOR_EVENTS.event(recorded)));
    const last = recorded.at(-1);
    if (state === null || last === undefined) {
      throw new ContributorRuleViolation('not_found', `Contributor ${contributorId} has no profile`);
    }
    return { state, revision: last.revision, position: last.position.commit };
  }
}
