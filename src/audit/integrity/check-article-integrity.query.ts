import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { type ArticleIntegrity, articleIntegrity } from './article-integrity.js';

export class CheckArticleIntegrity extends Query<ArticleIntegrity> {
  constructor(readonly articleId: string) {
    super();
  }
}

@QueryHandler(CheckArticleIntegrity)
export class CheckArticleIntegrityHandler implements IQueryHandler<CheckArticleIntegrity> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ articleId }: CheckArticleIntegrity): Promise<ArticleIntegrity> {
    return articleIntegrity(this.store, articleId);
  }
}
