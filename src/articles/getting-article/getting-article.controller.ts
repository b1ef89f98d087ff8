import { Controller, Get, Headers, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../../platform/auth/index.js';
import { answerRead } from '../../platform/commands/http/conditional-read.js';
import type { Actor } from '../../kernel/identity.js';
import { toArticleView } from '../http/article-view.js';
import { GetArticle } from './get-article.query.js';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles')
export class GettingArticleController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: "An article's current state, rebuilt from its stream (ETag = revision)" })
  @ApiOkResponse({ description: 'The article' })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current ETag: no body' })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const { state, revision, position } = await this.queries.execute(new GetArticle(id, actor));
    answerRead(response, ifNoneMatch, { revision, position }, toArticleView(state));
  }
}
