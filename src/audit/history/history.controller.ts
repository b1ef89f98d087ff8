import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { Roles } from '../../platform/auth/index.js';
import { AUDIT_READERS } from '../http/audit-readers.js';
import { type HistoryPage, MAX_HISTORY_PAGE } from './article-history.js';
import { GetArticleHistory } from './get-article-history.query.js';

export class HistoryQueryDto {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'First revision to list; the `next` of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_HISTORY_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE)
  limit?: number;

  @ApiPropertyOptional({ enum: ARTICLE_EVENTS.eventTypes, isArray: true, description: 'Repeat or comma-separate to list several types' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' || Array.isArray(value) ? [value].flat().flatMap((v) => String(v).split(',')) : value,
  )
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  type?: string[];

  @ApiPropertyOptional({ description: 'Principal id of who sent the command' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  actor?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/articles')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @Roles(...AUDIT_READERS)
  @ApiOperation({ summary: "Every event of the article's stream, oldest first, with who, when, ids, hashes and a summary" })
  history(@Param('id', ParseUUIDPipe) id: string, @Query() query: HistoryQueryDto): Promise<HistoryPage> {
    return this.queries.execute(
      new GetArticleHistory(id, {
        limit: query.limit ?? 50,
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.type === undefined ? {} : { types: query.type }),
        ...(query.actor === undefined ? {} : { actor: query.actor }),
      }),
    );
  }
}
