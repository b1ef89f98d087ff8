import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { CommandContext } from '../../platform/commands/http/command-context.decorator.js';
import { ArticleCommands } from '../http/article-commands.js';
import type { ArticleView } from '../http/article-view.js';
import { ArticleCommandDocs } from '../http/command-headers.decorator.js';
import { ScheduleDto } from './scheduling.dto.js';

@ApiTags('articles')
@Controller('v1/articles/:id')
export class SchedulingController {
  constructor(private readonly commands: ArticleCommands) {}

  @Post('schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Schedule the verified working copy for publication' })
  @ArticleCommandDocs()
  schedule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScheduleDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    const publishAt = new Date(body.publishAt).toISOString();
    return this.commands.apply(id, { type: 'ScheduleArticle', data: { publishAt } }, envelope, response);
  }

  @Post('unschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled publication' })
  @ArticleCommandDocs()
  unschedule(
    @Param('id', ParseUUIDPipe) id: string,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleView> {
    return this.commands.apply(id, { type: 'UnscheduleArticle', data: {} }, envelope, response);
  }
}
