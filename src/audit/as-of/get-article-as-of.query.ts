import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { type ArticleAsOf, articleAsOf } from './article-as-of.js';
import type { PointInTime } from './point-in-time.js';

export class GetArticleAsOf extends Query<ArticleAsOf> {
  constructor(
    readonly articleId: string,
    readonly point: PointInTime,
  ) {
    super();
  }
}

@QueryHandler(GetArticleAsOf)
export class GetArticleAsOfHandler implements IQueryHandler<GetArticleAsOf> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ articleId, point }: GetArticleAsOf): Promise<ArticleAsOf> {
    return articleAsOf(this.store, articleId, point);
  }
}
