import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { StreamCommandExecutor } from '../../platform/commands/stream-command-executor.js';
import { ArticleCommandHandler, ArticleCommandMessage } from '../application/article-command.js';
import { readArticleStream } from '../application/article-stream.js';
import type { ArticleCommand } from '../model/commands.js';

export class LinkRelated extends ArticleCommandMessage {
  constructor(
    articleId: string,
    readonly relatedArticleId: string,
    readonly afterBlock: number | undefined,
    envelope: CommandEnvelope,
  ) {
    super(articleId, envelope);
  }
}

/** The domain decides whether a link is allowed; the shell tells it whether the target exists. */
@Injectable()
@CommandHandler(LinkRelated)
export class LinkRelatedHandler extends ArticleCommandHandler<LinkRelated> {
  constructor(
    executor: StreamCommandExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super(executor);
  }

  protected async toDomain({ relatedArticleId, afterBlock }: LinkRelated): Promise<ArticleCommand> {
    const target = await readArticleStream(this.store, relatedArticleId, { maxCount: 1 });
    return {
      type: 'LinkRelated',
      data: { relatedArticleId, target: { exists: target.length > 0 }, ...(afterBlock === undefined ? {} : { afterBlock }) },
    };
  }
}
