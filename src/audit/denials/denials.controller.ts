import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import { Roles } from '../../platform/auth/index.js';
import { type DenialsPage, ListDenials } from './list-denials.query.js';

export class DenialsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'The `next` of the previous page: only older denials' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  before?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Only this article's denials. One request then reads at most 1,000 denials, so a page can hold fewer than `limit` and still have a `next`",
  })
  @IsOptional()
  @IsUUID()
  article?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit/denials')
export class DenialsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({ summary: 'Commands refused for authorization (role, ownership, four eyes), newest first' })
  list(@Query() query: DenialsQueryDto): Promise<DenialsPage> {
    return this.queries.execute(
      new ListDenials({
        limit: query.limit ?? 50,
        ...(query.before === undefined ? {} : { before: query.before }),
        ...(query.article === undefined ? {} : { streamId: ARTICLE_EVENTS.streamName(query.article) }),
      }),
    );
  }
}
