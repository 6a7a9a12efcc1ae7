import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OptionalNotNull } from './optional-not-null.decorator';

export class ShiftReportQueryDto {
  @ApiPropertyOptional({ example: '2026-11-23', description: "Local date in the facility's time zone; default today" })
  @OptionalNotNull() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}
