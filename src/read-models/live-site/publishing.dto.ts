import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PagedReadModelQueryDto } from '../../platform/projections/paged-query.dto.js';

export class LatestNewsQueryDto extends PagedReadModelQueryDto {
  @ApiPropertyOptional({ description: 'Only articles with this topic (case-insensitive)', example: 'Banjir' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;
}
