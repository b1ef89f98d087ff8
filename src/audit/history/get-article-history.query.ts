import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { articleHistory, type HistoryPage, type HistoryRequest } from './article-history.js';

export class GetArticleHistory extends Query<HistoryPage> {
  constructor(
    readonly articleId: string,
    readonly request: HistoryRequest,
  ) {
    super();
  }
}

@QueryHandler(GetArticleHistory)
export class GetArticleHistoryHandler implements IQueryHandler<GetArticleHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ articleId, request }: GetArticleHistory): Promise<HistoryPage> {
    return articleHistory(this.store, articleId, request);
  }
}
