import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { CommandContext } from '../../platform/commands/http/command-context.decorator.js';
import { ArticleCommands } from '../http/article-commands.js';
import type { ArticleView } from '../http/article-view.js';
import { ArticleCommandDocs } from '../http/command-headers.decorator.js';
import { RequestChangesDto, VerifyDto } from './reviewing.dto.js';

@ApiTags('articles')
@Controller('v1/articles/:id')
export class ReviewingController {
  constructor(private readonly commands: ArticleCommands) {}

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the draft for review' })
  @ArticleCommandDocs()
  submit(
    @Param('id', ParseUUIDPipe) id: string,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    return this.commands.apply(id, { type: 'SubmitArticle', data: {} }, envelope, response);
  }

  @Post('request-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the article back to its writer with notes' })
  @ArticleCommandDocs()
  requestChanges(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RequestChangesDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    return this.commands.apply(id, { type: 'RequestChanges', data: { notes: body.notes } }, envelope, response);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fact-check: verify the exact working copy (never by its author)' })
  @ArticleCommandDocs()
  verify(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VerifyDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    const { sourcesChecked, quotesAttributed } = body.checklist;
    const data = { checklist: { sourcesChecked, quotesAttributed }, ...(body.notes === undefined ? {} : { notes: body.notes }) };
    return this.commands.apply(id, { type: 'VerifyArticle', data }, envelope, response);
  }
}
