import { Injectable } from '@nestjs/common';
import { Command, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import type { ExecutedCommand } from '../../platform/commands/executed-command.js';
import { StreamCommandExecutor } from '../../platform/commands/stream-command-executor.js';
import type { ArticleCommand } from '../model/commands.js';
import type { ArticleState } from '../model/state.js';
import { ARTICLE_STREAM } from './article-stream.js';

export type ExecutedArticleCommand = ExecutedCommand<ArticleState>;

/** A command on one article, as dispatched on the CommandBus. Each action subclasses it. */
export abstract class ArticleCommandMessage extends Command<ExecutedArticleCommand> {
  constructor(
    readonly articleId: string,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

/**
 * The thin shell every article handler is: turn the message into the domain command (looking
 * up what the domain needs to know), then read → decide → append through the executor.
 */
@Injectable()
export abstract class ArticleCommandHandler<M extends ArticleCommandMessage> implements ICommandHandler<ArticleCommandMessage> {
  constructor(protected readonly executor: StreamCommandExecutor) {}

  execute(message: M): Promise<ExecutedArticleCommand> {
    const confirm = this.confirm?.bind(this);
    return this.executor.execute(
      ARTICLE_STREAM,
      message.articleId,
      message.envelope,
      (state) => this.toDomain(message, state),
      confirm === undefined ? undefined : (state, command) => confirm(state, command),
    );
  }

  protected abstract toDomain(message: M, state: ArticleState | null): ArticleCommand | Promise<ArticleCommand>;

  /** See CommandConfirmation: claims what only an accepted command may claim. */
  protected confirm?(state: ArticleState | null, command: ArticleCommand): Promise<ArticleCommand>;
}
