import { Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { StreamCommandExecutor } from '../../platform/commands/stream-command-executor.js';
import { ArticleCommandHandler, ArticleCommandMessage } from '../application/article-command.js';
import { SlugRegistry } from '../application/slug-registry.js';
import type { ArticleCommand } from '../model/commands.js';
import { slugify } from '../model/slug.js';
import type { ArticleState } from '../model/state.js';

export type PublishingAction = 'publish' | 'publish-scheduled' | 'correct';

/** Publish now, publish a due schedule (the scheduler), or publish as a correction with a note. */
export class PublishArticle extends ArticleCommandMessage {
  constructor(
    articleId: string,
    readonly action: PublishingAction,
    envelope: CommandEnvelope,
    readonly correctionNote?: string,
  ) {
    super(articleId, envelope);
  }
}

/**
 * A published URL never changes: the slug is reserved from the headline on first publication
 * and reused ever after. The domain first decides on the slug the headline gives; only a
 * publication it accepts reserves one (perhaps with a suffix), so a refused command writes nothing.
 */
@Injectable()
@CommandHandler(PublishArticle)
export class PublishArticleHandler extends ArticleCommandHandler<PublishArticle> {
  constructor(
    executor: StreamCommandExecutor,
    private readonly slugs: SlugRegistry,
  ) {
    super(executor);
  }

  protected toDomain(message: PublishArticle, state: ArticleState | null): ArticleCommand {
    return withSlug(message, state === null ? '' : (state.slug ?? slugify(state.content.headline)));
  }

  protected override async confirm(state: ArticleState | null, command: ArticleCommand): Promise<ArticleCommand> {
    if (state === null || state.slug !== null) return command;
    return withReservedSlug(command, await this.slugs.reserve(state.id, state.content.headline));
  }
}

function withSlug(message: PublishArticle, slug: string): ArticleCommand {
  switch (message.action) {
    case 'publish':
      return { type: 'PublishArticle', data: { slug } };
    case 'publish-scheduled':
      return { type: 'PublishScheduledArticle', data: { slug } };
    case 'correct':
      return { type: 'CorrectArticle', data: { slug, note: message.correctionNote ?? '' } };
  }
}

function withReservedSlug(command: ArticleCommand, slug: string): ArticleCommand {
  switch (command.type) {
    case 'PublishArticle':
    case 'PublishScheduledArticle':
      return { type: command.type, data: { slug } };
    case 'CorrectArticle':
      return { type: 'CorrectArticle', data: { ...command.data, slug } };
    default:
      return command;
  }
}
