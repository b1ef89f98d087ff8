import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export const NOTES_MAX_LENGTH = 5_000;

export class RequestChangesDto {
  @ApiProperty({ maxLength: NOTES_MAX_LENGTH, description: "Editor's notes to the writer" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTES_MAX_LENGTH)
  notes!: string;
}

export class VerificationChecklistDto {
  @ApiProperty()
  @IsBoolean()
  sourcesChecked!: boolean;

  @ApiProperty()
  @IsBoolean()
  quotesAttributed!: boolean;
}

export class VerifyDto {
  @ApiProperty({ type: VerificationChecklistDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => VerificationChecklistDto)
  checklist!: VerificationChecklistDto;

  @ApiPropertyOptional({ maxLength: NOTES_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX_LENGTH)
  notes?: string;
}
