import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../platform/auth/index.js';
import { AUDIT_READERS } from '../http/audit-readers.js';
import { ExportArticleHistory } from './export-article-history.query.js';
import { NDJSON_CONTENT_TYPE } from './history-export.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/articles')
export class ExportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history/export')
  @Roles(...AUDIT_READERS)
  @ApiProduces(NDJSON_CONTENT_TYPE)
  @ApiOperation({ summary: 'The full history with hashes as NDJSON, for offline verification (docs/auditing.md)' })
  async export(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const ndjson = await this.queries.execute(new ExportArticleHistory(id));
    response.setHeader('Content-Type', `${NDJSON_CONTENT_TYPE}; charset=utf-8`);
    response.setHeader('Content-Disposition', `attachment; filename="article-${id}-history.ndjson"`);
    return ndjson;
  }
}
