import type { DecideContext } from '../../kernel/decider.js';
import type { ArticleCommand } from './commands.js';
import type { ArticleEvent } from './events.js';
import { authorise, requireArticle } from './guards.js';
import { correct, publish, publishScheduled, schedule, unpublish, unschedule } from './publication-decisions.js';
import { linkRelated, unlinkRelated } from './related-decisions.js';
import type { ArticleState } from './state.js';
import { draft, requestChanges, revise, submit, verify } from './writing-decisions.js';

export type { DecideContext };

/**
 * The article's rules: given the state folded from its stream, what the command makes happen.
 * Checks run in one order for every command so the answer is predictable: role, existence,
 * ownership, status, then the command's own data and rules. An empty result means the command
 * changes nothing (revising with identical content).
 */
export function decide(state: ArticleState | null, command: ArticleCommand, ctx: DecideContext): ArticleEvent[] {
  authorise(command.type, ctx.actor);
  if (command.type === 'DraftArticle') return draft(state, command.data, ctx);

  const article = requireArticle(state);
  switch (command.type) {
    case 'ReviseArticle':
      return revise(article, command.data, ctx);
    case 'SubmitArticle':
      return submit(article, ctx);
    case 'RequestChanges':
      return requestChanges(article, command.data, ctx);
    case 'VerifyArticle':
      return verify(article, command.data, ctx);
    case 'ScheduleArticle':
      return schedule(article, command.data, ctx);
    case 'UnscheduleArticle':
      return unschedule(article, ctx);
    case 'PublishArticle':
      return publish(article, command.data, ctx);
    case 'PublishScheduledArticle':
      return publishScheduled(article, command.data, ctx);
    case 'CorrectArticle':
      return correct(article, command.data, ctx);
    case 'UnpublishArticle':
      return unpublish(article, command.data, ctx);
    case 'LinkRelated':
      return linkRelated(article, command.data, ctx);
    case 'UnlinkRelated':
      return unlinkRelated(article, command.data, ctx);
    default:
      return unknownCommand(command);
  }
}

function unknownCommand(command: never): never {
  throw new Error(`Unknown article command ${(command as { type?: unknown }).type as string}`);
}
