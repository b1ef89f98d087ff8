import type { ContributorEvent, ContributorProfileUpdated } from './events.js';
import type { ContributorState } from './state.js';

/**
 * Applies one recorded fact. It never re-checks rules (decide did, and history is history);
 * it only refuses streams that cannot be a contributor's, like a verification before a profile.
 */
export function evolve(state: ContributorState | null, event: ContributorEvent): ContributorState {
  if (state === null) {
    if (event.type !== 'ContributorProfileUpdated') throw new Error(`${event.type} before ContributorProfileUpdated`);
    return created(event.data);
  }
  return { ...apply(state, event), revision: state.revision + 1, updatedAt: event.data.at };
}

/** The contributor a stream describes, or null for an empty stream. */
export function fold(events: Iterable<ContributorEvent>, initial: ContributorState | null = null): ContributorState | null {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}

function created(data: ContributorProfileUpdated['data']): ContributorState {
  return {
    id: data.contributorId,
    displayName: data.displayName,
    bio: data.bio,
    publicContact: data.publicContact,
    community: data.community,
    verification: null,
    lastRevocation: null,
    revision: 0,
    createdAt: data.at,
    updatedAt: data.at,
  };
}

function apply(state: ContributorState, event: ContributorEvent): ContributorState {
  switch (event.type) {
    case 'ContributorProfileUpdated': {
      const { displayName, bio, publicContact, community } = event.data;
      return { ...state, displayName, bio, publicContact, community };
    }
    case 'ContributorVerified': {
      const { by, byName, at } = event.data;
      return { ...state, verification: { by, byName, at } };
    }
    case 'ContributorVerificationRevoked': {
      const { reason, by, byName, at } = event.data;
      return { ...state, verification: null, lastRevocation: { reason, by, byName, at } };
    }
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown contributor event ${(event as { type?: unknown }).type as string}`);
}
