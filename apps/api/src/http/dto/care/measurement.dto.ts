import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { MEASUREMENT_STATUSES, type Measurement, type MeasurementStatus } from '@opiekun/domain';
import { OptionalNotNull } from '../optional-not-null.decorator';

export class MeasurementQueryDto {
  @ApiPropertyOptional({ description: 'Resident id' }) @OptionalNotNull() @IsString() @MaxLength(64) resident?: string;
  @ApiPropertyOptional({ description: 'Ward id' }) @OptionalNotNull() @IsString() @MaxLength(64) ward?: string;
  @ApiPropertyOptional({ description: 'Task id' }) @OptionalNotNull() @IsString() @MaxLength(128) task?: string;
  @ApiPropertyOptional({ enum: MEASUREMENT_STATUSES }) @OptionalNotNull() @IsIn(MEASUREMENT_STATUSES) status?: MeasurementStatus;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @OptionalNotNull() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ReviewMeasurementDto {
  @ApiProperty({ enum: ['confirm', 'reject'], description: 'confirm → final; reject → entered-in-error' })
  @IsIn(['confirm', 'reject'])
  decision!: 'confirm' | 'reject';

  @ApiPropertyOptional({ maxLength: 500, description: 'Why it is rejected (a cuff slipped…)' })
  @OptionalNotNull() @IsString() @MaxLength(500)
  note?: string;
}

export class MeasurementResponse {
  @ApiProperty() id!: string;
  @ApiProperty() taskId!: string;
  @ApiProperty() robotId!: string;
  @ApiPropertyOptional() residentId?: string;
  @ApiPropertyOptional() wardId?: string;
  @ApiProperty({ example: 'measureVitals' }) actionType!: string;
  @ApiProperty({ description: "The robot's report (VDA 5050 resultDescription), verbatim: Opiekun does not read or judge it" }) text!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ enum: MEASUREMENT_STATUSES, description: 'preliminary until a nurse confirms (final) or rejects (entered-in-error) it' }) status!: MeasurementStatus;
  @ApiPropertyOptional({ description: 'Staff id of the nurse who reviewed it' }) reviewedBy?: string;
  @ApiPropertyOptional() reviewedAt?: string;
  @ApiPropertyOptional() reviewNote?: string;

  static from(m: Measurement): MeasurementResponse {
    return { ...m, at: new Date(m.at).toISOString(), reviewedAt: m.reviewedAt === undefined ? undefined : new Date(m.reviewedAt).toISOString() };
  }
}
