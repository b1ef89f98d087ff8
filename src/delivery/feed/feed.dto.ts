import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_DELIVERY_CONFIG } from '../delivery-config.js';

export class FeedQueryDto {
  @ApiPropertyOptional({ description: "A cursor (an event's `cursor` or a page's `next`); omitted: from the beginning" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: DEFAULT_DELIVERY_CONFIG.feed.maxLimit, default: DEFAULT_DELIVERY_CONFIG.feed.defaultLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DEFAULT_DELIVERY_CONFIG.feed.maxLimit)
  limit?: number;
}
