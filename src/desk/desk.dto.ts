import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ReadModelQueryDto } from '../projections/read-your-writes.js';
import { DESK_QUEUES, type DeskQueue } from './desk-view.js';

export class MyArticlesQueryDto extends ReadModelQueryDto {
  @ApiPropertyOptional({ enum: DESK_QUEUES, description: 'A workflow status, or pending_changes (live, with a working copy being changed)' })
  @IsOptional()
  @IsIn(DESK_QUEUES)
  status?: DeskQueue;

  @ApiPropertyOptional({ description: 'Topic of the working copy (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class DeskQueryDto extends MyArticlesQueryDto {
  @ApiPropertyOptional({ description: "Author's principal id (a writer may only name themselves)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  author?: string;
}
