import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CONTRIBUTOR_LIMITS } from '../model/rules.js';

export class RevokeVerificationDto {
  @ApiProperty({ maxLength: CONTRIBUTOR_LIMITS.reason, description: 'Why the desk no longer vouches for the writer (kept on record)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTRIBUTOR_LIMITS.reason)
  reason!: string;
}
