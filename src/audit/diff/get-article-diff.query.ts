import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { type ArticleDiff, articleDiff } from './article-diff-query.js';

export class GetArticleDiff extends Query<ArticleDiff> {
  constructor(
    readonly articleId: string,
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
}

@QueryHandler(GetArticleDiff)
export class GetArticleDiffHandler implements IQueryHandler<GetArticleDiff> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ articleId, from, to }: GetArticleDiff): Promise<ArticleDiff> {
    return articleDiff(this.store, articleId, from, to);
  }
}
