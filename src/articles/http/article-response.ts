import type { Response } from 'express';
import { setCommandHeaders } from '../../platform/commands/http/command-response.js';
import type { ExecutedArticleCommand } from '../application/article-command.js';
import { type ArticleView, toArticleView } from './article-view.js';

/** The article after a command, with the headers every command answer carries. */
export function commandResponse(response: Response, result: ExecutedArticleCommand): ArticleView {
  setCommandHeaders(response, result);
  return toArticleView(result.state);
}
