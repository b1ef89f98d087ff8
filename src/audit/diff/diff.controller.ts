import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { Roles } from '../../platform/auth/index.js';
import { AUDIT_READERS } from '../http/audit-readers.js';
import type { ArticleDiff } from './article-diff-query.js';
import { GetArticleDiff } from './get-article-diff.query.js';

export class DiffQueryDto {
  @ApiProperty({ minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from!: number;

  @ApiProperty({ minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  to!: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/articles')
export class DiffController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/diff')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    summary: 'Per-field differences between two revisions (word-level for text); shape in docs/auditing.md',
  })
  diff(@Param('id', ParseUUIDPipe) id: string, @Query() query: DiffQueryDto): Promise<ArticleDiff> {
    return this.queries.execute(new GetArticleDiff(id, query.from, query.to));
  }
}
