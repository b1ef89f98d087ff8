import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CONTRIBUTOR_LIMITS } from '../model/rules.js';

/**
 * PUT replaces what the writer owns: name, bio and public contact (left out or null: none is
 * shown). `community` belongs to the desk: left out, it stays as it is.
 */
export class UpdateProfileDto {
  @ApiProperty({ minLength: 1, maxLength: CONTRIBUTOR_LIMITS.displayName, example: 'Dimas Prasetyo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTRIBUTOR_LIMITS.displayName)
  displayName!: string;

  @ApiProperty({ maxLength: CONTRIBUTOR_LIMITS.bio, description: 'A short bio; may be empty' })
  @IsString()
  @MaxLength(CONTRIBUTOR_LIMITS.bio)
  bio!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: CONTRIBUTOR_LIMITS.publicContact,
    description: 'Shown on the byline, e.g. an email or a social handle; null or left out shows none',
    example: '@dimasprasetyo',
  })
  @IsOptional()
  @IsString()
  @MaxLength(CONTRIBUTOR_LIMITS.publicContact)
  publicContact?: string | null;

  @ApiPropertyOptional({
    description:
      'Community contributor (their articles carry the community-content disclaimer). Set by editors and admins; ' +
      'a writer may only send back the current value. Left out: unchanged (a new profile starts as community).',
  })
  // Not @IsOptional(): that would let null through, and null is not a yes or a no.
  @ValidateIf((dto: UpdateProfileDto) => dto.community !== undefined)
  @IsBoolean()
  community?: boolean;
}
