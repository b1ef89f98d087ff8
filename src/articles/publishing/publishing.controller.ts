import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { CommandContext } from '../../platform/commands/http/command-context.decorator.js';
import { ArticleCommands } from '../http/article-commands.js';
import type { ArticleView } from '../http/article-view.js';
import { ArticleCommandDocs } from '../http/command-headers.decorator.js';
import { PublishArticle } from './publish-article.command.js';
import { CorrectDto, UnpublishDto } from './publishing.dto.js';

@ApiTags('articles')
@Controller('v1/articles/:id')
export class PublishingController {
  constructor(private readonly commands: ArticleCommands) {}

  @Post('publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the verified working copy (first publication or an update)' })
  @ArticleCommandDocs()
  publish(
    @Param('id', ParseUUIDPipe) id: string,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    return this.commands.send(new PublishArticle(id, 'publish', envelope), response);
  }

  @Post('correct')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the verified working copy as a correction with a public note' })
  @ArticleCommandDocs()
  correct(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CorrectDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    return this.commands.send(new PublishArticle(id, 'correct', envelope, body.note), response);
  }

  @Post('unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw (public notice) or take down (gone) a published article' })
  @ArticleCommandDocs()
  unpublish(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UnpublishDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    const data = { mode: body.mode, reason: body.reason, ...(body.notice === undefined ? {} : { notice: body.notice }) };
    return this.commands.apply(id, { type: 'UnpublishArticle', data }, envelope, response);
  }
}
