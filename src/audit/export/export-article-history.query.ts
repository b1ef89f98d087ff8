import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { exportArticleHistory } from './history-export.js';

/** The article's history as NDJSON text. */
export class ExportArticleHistory extends Query<string> {
  constructor(readonly articleId: string) {
    super();
  }
}

@QueryHandler(ExportArticleHistory)
export class ExportArticleHistoryHandler implements IQueryHandler<ExportArticleHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ articleId }: ExportArticleHistory): Promise<string> {
    return exportArticleHistory(this.store, articleId);
  }
}
