import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsLocale,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateIf,
  ValidateNested,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import type { ArticleContent, Block } from '../model/content.js';
import { DEFAULT_LANGUAGE, normalizeContent } from '../model/content-rules.js';

export const CONTENT_LIMITS = {
  headline: 200,
  dek: 400,
  dateline: 120,
  blocks: 500,
  blockText: 20_000,
  attribution: 200,
  sources: 50,
  sourceName: 200,
  url: 2_048,
  topics: 20,
  topic: 60,
} as const;

/** Attribution and role belong to quotes; on other blocks they are an error, never silently dropped. */
function QuoteOnly(): PropertyDecorator {
  return ValidateBy({
    name: 'quoteOnly',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined || (args?.object as { type?: unknown } | undefined)?.type === 'quote',
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'field'} is only allowed on quote blocks`,
    },
  });
}

const BLOCK_TYPES = ['paragraph', 'heading', 'quote'] as const;

export class BlockDto {
  @ApiProperty({ enum: BLOCK_TYPES })
  @IsIn(BLOCK_TYPES)
  type!: Block['type'];

  @ApiProperty({ maxLength: CONTENT_LIMITS.blockText })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTENT_LIMITS.blockText)
  text!: string;

  @ApiPropertyOptional({ description: 'Required for quote blocks: who said it' })
  @ValidateIf((block: BlockDto) => block.type === 'quote' || block.attribution !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTENT_LIMITS.attribution)
  @QuoteOnly()
  attribution?: string;

  @ApiPropertyOptional({ description: "Quote blocks only: the speaker's role, e.g. a spokesperson" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTENT_LIMITS.attribution)
  @QuoteOnly()
  role?: string;
}

export class SourceDto {
  @ApiProperty({ maxLength: CONTENT_LIMITS.sourceName })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTENT_LIMITS.sourceName)
  name!: string;

  @ApiPropertyOptional({ maxLength: CONTENT_LIMITS.url })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(CONTENT_LIMITS.url)
  url?: string;
}

export class ContentDto {
  @ApiProperty({ maxLength: CONTENT_LIMITS.headline })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTENT_LIMITS.headline)
  headline!: string;

  @ApiProperty({ maxLength: CONTENT_LIMITS.dek })
  @IsString()
  @MaxLength(CONTENT_LIMITS.dek)
  dek!: string;

  @ApiProperty({ maxLength: CONTENT_LIMITS.dateline, example: 'Tangerang Selatan, IDN Times' })
  @IsString()
  @MaxLength(CONTENT_LIMITS.dateline)
  dateline!: string;

  @ApiPropertyOptional({ default: 'id', description: 'BCP 47 language tag' })
  @IsOptional()
  @IsLocale()
  @MaxLength(35)
  language?: string;

  @ApiProperty({ type: [BlockDto], maxItems: CONTENT_LIMITS.blocks })
  @IsArray()
  @ArrayMaxSize(CONTENT_LIMITS.blocks)
  @ValidateNested({ each: true })
  @Type(() => BlockDto)
  body!: BlockDto[];

  @ApiPropertyOptional({ type: [SourceDto], maxItems: CONTENT_LIMITS.sources })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTENT_LIMITS.sources)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];

  @ApiPropertyOptional({ type: [String], maxItems: CONTENT_LIMITS.topics })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTENT_LIMITS.topics)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(CONTENT_LIMITS.topic, { each: true })
  topics?: string[];
}

/**
 * The validated DTO as the domain's plain, readonly value. Only the HTTP layer's part is done
 * here (trimming, the default language, each topic once); the domain's normalizeContent picks
 * exactly the content's fields out of the DTO's class instances, as it does for every caller.
 */
export function toArticleContent(dto: ContentDto): ArticleContent {
  return normalizeContent({
    headline: dto.headline.trim(),
    dek: dto.dek.trim(),
    dateline: dto.dateline.trim(),
    language: dto.language ?? DEFAULT_LANGUAGE,
    // The validators let attribution and role through on quotes only: each DTO is one of Block's shapes.
    body: dto.body as readonly Block[],
    sources: dto.sources ?? [],
    topics: [...new Set((dto.topics ?? []).map((topic) => topic.trim()))],
  });
}
