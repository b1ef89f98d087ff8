import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { nameBasedId } from '../../kernel/ids.js';
import { CommandContext } from '../../platform/commands/http/command-context.decorator.js';
import { ArticleCommands } from '../http/article-commands.js';
import type { ArticleView } from '../http/article-view.js';
import { ArticleCommandDocs } from '../http/command-headers.decorator.js';
import { ContentDto, toArticleContent } from '../http/content.dto.js';

@ApiTags('articles')
@Controller('v1/articles')
export class DraftingController {
  constructor(private readonly commands: ArticleCommands) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft a new article' })
  @ArticleCommandDocs()
  draft(
    @Body() body: ContentDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    // With an Idempotency-Key the retry must land on the same article, so its id is derived.
    const articleId = envelope.idempotencyKey === undefined ? randomUUID() : nameBasedId('article', envelope.commandId);
    const command = { type: 'DraftArticle', data: { articleId, content: toArticleContent(body) } } as const;
    response.setHeader('Location', `/v1/articles/${articleId}`);
    return this.commands.apply(articleId, command, envelope, response);
  }

  @Put(':id/content')
  @ApiOperation({ summary: 'Revise the working copy' })
  @ArticleCommandDocs()
  revise(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ContentDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    const command = { type: 'ReviseArticle', data: { content: toArticleContent(body) } } as const;
    return this.commands.apply(id, command, envelope, response);
  }
}
