import { CommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import type { ArticleCommand } from '../model/commands.js';
import { ArticleCommandHandler, ArticleCommandMessage } from './article-command.js';

/**
 * For actions whose domain command is fully given by the request (draft, revise, submit,
 * request changes, verify, schedule, unschedule, unpublish, unlink). Actions that must look
 * something up first (a slug to reserve, a related article to find) have their own message.
 */
export class ApplyArticleCommand extends ArticleCommandMessage {
  constructor(
    articleId: string,
    readonly command: ArticleCommand,
    envelope: CommandEnvelope,
  ) {
    super(articleId, envelope);
  }
}

@CommandHandler(ApplyArticleCommand)
export class ApplyArticleCommandHandler extends ArticleCommandHandler<ApplyArticleCommand> {
  protected toDomain({ command }: ApplyArticleCommand): ArticleCommand {
    return command;
  }
}
