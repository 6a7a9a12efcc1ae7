import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { IsDateTimeWithOffset } from './date-time-with-offset.decorator';
import { OptionalNotNull } from './optional-not-null.decorator';

const flag = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class AlertQueryDto {
  @ApiPropertyOptional({ description: 'Only alerts nobody acknowledged yet', default: false })
  @OptionalNotNull() @Transform(flag) @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Raised at or after' })
  @OptionalNotNull() @IsDateTimeWithOffset()
  since?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @OptionalNotNull() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}
