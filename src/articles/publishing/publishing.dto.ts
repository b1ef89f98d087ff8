import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';

export const PUBLIC_NOTE_MAX_LENGTH = 2_000;

export class CorrectDto {
  @ApiProperty({ maxLength: PUBLIC_NOTE_MAX_LENGTH, description: 'Public correction note shown with the article' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PUBLIC_NOTE_MAX_LENGTH)
  note!: string;
}

const UNPUBLISH_MODES = ['withdraw', 'takedown'] as const;

export class UnpublishDto {
  @ApiProperty({ enum: UNPUBLISH_MODES, description: 'withdraw: a public notice replaces the article; takedown: gone' })
  @IsIn(UNPUBLISH_MODES)
  mode!: (typeof UNPUBLISH_MODES)[number];

  @ApiProperty({ maxLength: PUBLIC_NOTE_MAX_LENGTH, description: 'Internal reason, kept for audit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PUBLIC_NOTE_MAX_LENGTH)
  reason!: string;

  @ApiPropertyOptional({ maxLength: PUBLIC_NOTE_MAX_LENGTH, description: 'Public notice; required to withdraw' })
  @ValidateIf((dto: UnpublishDto) => dto.mode === 'withdraw' || dto.notice !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(PUBLIC_NOTE_MAX_LENGTH)
  notice?: string;
}

export class NoBodyDto {}
