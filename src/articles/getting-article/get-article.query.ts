import { ARTICLE_EVENTS } from '../model/events.js';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Refusal } from '../../kernel/refusal.js';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { readArticleStream } from '../application/article-stream.js';
import type { Actor } from '../../kernel/identity.js';
import { fold } from '../model/evolve.js';
import type { ArticleState } from '../model/state.js';

export interface ArticleSnapshot {
  readonly state: ArticleState;
  readonly revision: bigint;
  readonly position: bigint;
}

/** The current state of one article, rebuilt from its stream (never from a read model). */
export class GetArticle extends Query<ArticleSnapshot> {
  constructor(
    readonly articleId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Writers read their own articles; editors, auditors and admins read all; services only what is public. */
export function mayReadWorkingCopy(actor: Actor, state: ArticleState): boolean {
  if (actor.roles.some((role) => role === 'editor' || role === 'auditor' || role === 'admin')) return true;
  return actor.roles.includes('writer') && state.authorId === actor.id;
}

@QueryHandler(GetArticle)
export class GetArticleHandler implements IQueryHandler<GetArticle> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ articleId, actor }: GetArticle): Promise<ArticleSnapshot> {
    const recorded = await readArticleStream(this.store, articleId);
    const state = fold(recorded.map((recorded) => ARTICLE_EVENTS.event(recorded)));
    const last = recorded.at(-1);
    if (state === null || last === undefined) throw new Refusal('not_found', 'not_found', `Article ${articleId} does not exist`);
    if (!mayReadWorkingCopy(actor, state)) {
      throw new Refusal('forbidden', 'forbidden', `Principal ${actor.id} may not read article ${articleId}`);
    }
    return { state, revision: last.revision, position: last.position.commit };
  }
}
