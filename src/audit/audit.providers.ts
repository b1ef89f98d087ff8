import type { Provider } from '@nestjs/common';
import { AsOfController } from './as-of/as-of.controller.js';
import { GetArticleAsOfHandler } from './as-of/get-article-as-of.query.js';
import { DenialsController } from './denials/denials.controller.js';
import { ListDenialsHandler } from './denials/list-denials.query.js';
import { DiffController } from './diff/diff.controller.js';
import { GetArticleDiffHandler } from './diff/get-article-diff.query.js';
import { ExportArticleHistoryHandler } from './export/export-article-history.query.js';
import { ExportController } from './export/export.controller.js';
import { GetArticleHistoryHandler } from './history/get-article-history.query.js';
import { HistoryController } from './history/history.controller.js';
import { CheckArticleIntegrityHandler } from './integrity/check-article-integrity.query.js';
import { IntegrityController } from './integrity/integrity.controller.js';

/** Every slice of the audit context, in one list. */
export const AUDIT_CONTROLLERS = [
  HistoryController,
  ExportController,
  AsOfController,
  DiffController,
  IntegrityController,
  DenialsController,
];

export const AUDIT_PROVIDERS: Provider[] = [
  GetArticleHistoryHandler,
  ExportArticleHistoryHandler,
  GetArticleAsOfHandler,
  GetArticleDiffHandler,
  CheckArticleIntegrityHandler,
  ListDenialsHandler,
];
