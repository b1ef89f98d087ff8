import type { ContributorCommand } from './commands.js';
import type { DecideContext } from './context.js';
import type { ContributorEvent } from './events.js';
import { authorise, requireContributor } from './guards.js';
import { updateProfile } from './profile-decisions.js';
import type { ContributorState } from './state.js';
import { revokeVerification, verify } from './verification-decisions.js';

export type { DecideContext } from './context.js';

/**
 * The contributor's rules: given the state folded from its stream, what the command makes
 * happen. Refusals come in a fixed order so the answer is predictable: the role; then whether
 * this actor may act on this contributor (ownership, four eyes, the desk-owned community flag)
 * and whether it exists; then its verification state; then the command's data. An empty result
 * means nothing changes (a profile saved as it was).
 */
export function decide(state: ContributorState | null, command: ContributorCommand, ctx: DecideContext): ContributorEvent[] {
  authorise(command.type, ctx.actor);
  switch (command.type) {
    case 'UpdateContributorProfile':
      return updateProfile(state, command.data, ctx);
    case 'VerifyContributor':
      return verify(requireContributor(state), ctx);
    case 'RevokeContributorVerification':
      return revokeVerification(requireContributor(state), command.data, ctx);
    default:
      return unknownCommand(command);
  }
}

function unknownCommand(command: never): never {
  throw new Error(`Unknown contributor command ${(command as { type?: unknown }).type as string}`);
}
