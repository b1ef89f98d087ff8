import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class LinkRelatedDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  relatedArticleId!: string;

  @ApiPropertyOptional({ minimum: 0, description: '"Baca Juga" is shown after this body block (0-based)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  afterBlock?: number;
}
