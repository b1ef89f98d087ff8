import type { Provider } from '@nestjs/common';
import { ApplyArticleCommandHandler } from './application/apply-article-command.js';
import { SlugRegistry } from './application/slug-registry.js';
import { DraftingController } from './drafting/drafting.controller.js';
import { GetArticleHandler } from './getting-article/get-article.query.js';
import { GettingArticleController } from './getting-article/getting-article.controller.js';
import { ArticleCommands } from './http/article-commands.js';
import { LinkRelatedHandler } from './linking-related/link-related.command.js';
import { LinkingController } from './linking-related/linking.controller.js';
import { PublishArticleHandler } from './publishing/publish-article.command.js';
import { PublishingController } from './publishing/publishing.controller.js';
import { ReviewingController } from './reviewing/reviewing.controller.js';
import { ScheduledPublisher } from './scheduling/scheduled-publisher.js';
import { SchedulingController } from './scheduling/scheduling.controller.js';

/** Every slice of the article context, in one list. */
export const ARTICLE_CONTROLLERS = [
  DraftingController,
  GettingArticleController,
  ReviewingController,
  SchedulingController,
  PublishingController,
  LinkingController,
];

export const ARTICLE_PROVIDERS: Provider[] = [
  ArticleCommands,
  SlugRegistry,
  ApplyArticleCommandHandler,
  PublishArticleHandler,
  LinkRelatedHandler,
  GetArticleHandler,
  ScheduledPublisher,
];
