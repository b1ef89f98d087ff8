import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { CommandContext } from '../../platform/commands/http/command-context.decorator.js';
import { ArticleCommands } from '../http/article-commands.js';
import type { ArticleView } from '../http/article-view.js';
import { ArticleCommandDocs } from '../http/command-headers.decorator.js';
import { LinkRelated } from './link-related.command.js';
import { LinkRelatedDto } from './linking.dto.js';

@ApiTags('articles')
@Controller('v1/articles/:id/related')
export class LinkingController {
  constructor(private readonly commands: ArticleCommands) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a related article ("Baca Juga")' })
  @ArticleCommandDocs()
  link(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LinkRelatedDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    return this.commands.send(new LinkRelated(id, body.relatedArticleId, body.afterBlock, envelope), response);
  }

  @Delete(':relatedId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a related link' })
  @ArticleCommandDocs()
  unlink(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('relatedId', ParseUUIDPipe) relatedId: string,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    return this.commands.apply(id, { type: 'UnlinkRelated', data: { relatedArticleId: relatedId } }, envelope, response);
  }
}
