import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ApplyArticleCommand } from '../application/apply-article-command.js';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import type { ArticleCommandMessage } from '../application/article-command.js';
import type { ArticleCommand } from '../model/commands.js';
import { commandResponse } from './article-response.js';
import type { ArticleView } from './article-view.js';

/** What controllers use to dispatch an article command and answer with its result and headers. */
@Injectable()
export class ArticleCommands {
  constructor(private readonly bus: CommandBus) {}

  apply(articleId: string, command: ArticleCommand, envelope: CommandEnvelope, response: Response): Promise<ArticleView> {
    return this.send(new ApplyArticleCommand(articleId, command, envelope), response);
  }

  async send(message: ArticleCommandMessage, response: Response): Promise<ArticleView> {
    return commandResponse(response, await this.bus.execute(message));
  }
}
