import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PUBLIC_EVENT_TYPES, type PublicEventType } from '../../public-events/contract.js';

export const SECRET_MIN_LENGTH = 24;

export class CreateSubscriberDto {
  @ApiProperty({
    maxLength: 2048,
    example: 'https://hooks.example.id/redaksi',
    description: 'http or https; loopback and private addresses only when the server allows them',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({ enum: PUBLIC_EVENT_TYPES, isArray: true, description: 'Omitted: every type of contract version 1' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PUBLIC_EVENT_TYPES, { each: true })
  eventTypes?: PublicEventType[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Only articles with one of these topics, now or before the change (case-insensitive); omitted or empty: all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @ApiPropertyOptional({
    minLength: SECRET_MIN_LENGTH,
    maxLength: 256,
    description: 'The HMAC key; omitted: one is generated. Shown only in the creation response.',
  })
  @IsOptional()
  @IsString()
  @MinLength(SECRET_MIN_LENGTH)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    description: '"now" (default): changes from now on; "start": the whole log first; or a cursor to start after',
    example: 'now',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  from?: string;
}
