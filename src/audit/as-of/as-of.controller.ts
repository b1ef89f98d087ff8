import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Roles } from '../../platform/auth/index.js';
import { AUDIT_READERS } from '../http/audit-readers.js';
import type { ArticleAsOf } from './article-as-of.js';
import { GetArticleAsOf } from './get-article-as-of.query.js';
import { pointInTime } from './point-in-time.js';

export class AsOfQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'A stream revision' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;

  @ApiPropertyOptional({ description: 'An ISO 8601 instant with a time zone; the last revision that occurred at or before it' })
  @IsOptional()
  @IsString()
  at?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/articles')
export class AsOfController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/as-of')
  @Roles(...AUDIT_READERS)
  @ApiOperation({ summary: 'The article exactly as it was at a revision or instant, replayed from its stream' })
  asOf(@Param('id', ParseUUIDPipe) id: string, @Query() query: AsOfQueryDto): Promise<ArticleAsOf> {
    return this.queries.execute(new GetArticleAsOf(id, pointInTime(query)));
  }
}
