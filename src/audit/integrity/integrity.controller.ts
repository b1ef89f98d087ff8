import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/index.js';
import { AUDIT_READERS } from '../http/audit-readers.js';
import type { ArticleIntegrity } from './article-integrity.js';
import { CheckArticleIntegrity } from './check-article-integrity.query.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/articles')
export class IntegrityController {
  constructor(private readonly queries: QueryBus) {}

  /** 200 either way: a broken chain is the answer to the question, not a failure of the request. */
  @Get(':id/integrity')
  @Roles(...AUDIT_READERS)
  @ApiOperation({ summary: 'Recompute the hash chain: {ok, events, head} or {ok: false, brokenAt, reason}' })
  integrity(@Param('id', ParseUUIDPipe) id: string): Promise<ArticleIntegrity> {
    return this.queries.execute(new CheckArticleIntegrity(id));
  }
}
