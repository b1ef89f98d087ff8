import { Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../event-sourcing/command-envelope.js';
import { StreamCommandExecutor } from '../../event-sourcing/stream-command-executor.js';
import { ArticleCommandHandler, ArticleCommandMessage } from '../application/article-command.js';
import { SlugRegistry } from '../application/slug-registry.js';
import type { ArticleCommand } from '../domain/commands.js';
import type { ArticleState } from '../domain/state.js';

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
 * and reused ever after. Reserving before the domain decides is safe: a reservation that ends
 * up unused stays with this article and is reused by its next attempt.
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

  protected async toDomain(message: PublishArticle, state: ArticleState | null): Promise<ArticleCommand> {
    const slug = state === null ? '' : (state.slug ?? (await this.slugs.reserve(state.id, state.content.headline)));
    switch (message.action) {
      case 'publish':
        return { type: 'PublishArticle', data: { slug } };
      case 'publish-scheduled':
        return { type: 'PublishScheduledArticle', data: { slug } };
      case 'correct':
        return { type: 'CorrectArticle', data: { slug, note: message.correctionNote ?? '' } };
    }
  }
}
