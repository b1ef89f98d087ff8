import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class ScheduleDto {
  @ApiProperty({ example: '2026-12-01T06:00:00+07:00', description: 'ISO 8601 instant with a time zone' })
  @IsISO8601({ strict: true, strictSeparator: true })
  publishAt!: string;
}
