import { Controller, Get, Headers, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../domain/actor.js';
import { CurrentActor } from '../../auth/index.js';
import { EVENT_POSITION_HEADER, etagOf } from '../http/article-response.js';
import { type ArticleView, toArticleView } from '../http/article-view.js';
import { GetArticle } from './get-article.query.js';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles')
export class GettingArticleController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: "An article's current state, rebuilt from its stream (ETag = revision)" })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView | undefined> {
    const { state, revision, position } = await this.queries.execute(new GetArticle(id, actor));
    response.setHeader('ETag', etagOf(revision));
    response.setHeader(EVENT_POSITION_HEADER, String(position));
    if (ifNoneMatch === etagOf(revision)) {
      response.status(304);
      return undefined;
    }
    return toArticleView(state);
  }
}
