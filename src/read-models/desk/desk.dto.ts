import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PagedReadModelQueryDto } from '../../platform/projections/paged-query.dto.js';
import { DESK_QUEUES, type DeskQueue } from './desk-view.js';

export class MyArticlesQueryDto extends PagedReadModelQueryDto {
  @ApiPropertyOptional({
    enum: DESK_QUEUES,
    description: 'A workflow status, or pending_changes (live, with a working copy being changed)',
  })
  @IsOptional()
  @IsIn(DESK_QUEUES)
  status?: DeskQueue;

  @ApiPropertyOptional({ description: 'Topic of the working copy (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;
}

export class DeskQueryDto extends MyArticlesQueryDto {
  @ApiPropertyOptional({ description: "Author's principal id (a writer may only name themselves)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  author?: string;
}
