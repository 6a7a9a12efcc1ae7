import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '@opiekun/domain';
import { IsDateTimeWithOffset } from './date-time-with-offset.decorator';
import { OptionalNotNull } from './optional-not-null.decorator';

const list = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter(Boolean);
/** `?status=` (or `?ward=,`) reads as no value at all: refused, where it used to filter on nothing and match nothing. */
const GIVEN = { message: '$property must not be empty: give one or more values, or leave it out' };

export class TaskQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, isArray: true, description: 'Comma-separated or repeated' })
  @OptionalNotNull() @Transform(list) @ArrayNotEmpty(GIVEN) @ArrayMaxSize(100) @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, isArray: true })
  @OptionalNotNull() @Transform(list) @ArrayNotEmpty(GIVEN) @ArrayMaxSize(100) @IsIn(TASK_PRIORITIES, { each: true })
  priority?: TaskPriority[];

  @ApiPropertyOptional({ isArray: true, type: String })
  @OptionalNotNull() @Transform(list) @ArrayNotEmpty(GIVEN) @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(64, { each: true })
  type?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @MinLength(1, GIVEN) @MaxLength(200)
  robot?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @OptionalNotNull() @IsDateTimeWithOffset()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @OptionalNotNull() @IsDateTimeWithOffset()
  to?: string;

  @ApiPropertyOptional({ isArray: true, type: String, description: 'Ward ids (care tasks)' })
  @OptionalNotNull() @Transform(list) @ArrayNotEmpty(GIVEN) @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(64, { each: true })
  ward?: string[];

  @ApiPropertyOptional({ description: 'Resident id' })
  @OptionalNotNull() @IsString() @MinLength(1, GIVEN) @MaxLength(64)
  resident?: string;

  @ApiPropertyOptional({ description: 'Care plan id' })
  @OptionalNotNull() @IsString() @MinLength(1, GIVEN) @MaxLength(64)
  carePlan?: string;

  @ApiPropertyOptional({ enum: ['robot', 'staff'], description: "staff: the ward staff queue's tasks; robot: the fleet's" })
  @OptionalNotNull() @IsIn(['robot', 'staff'])
  performer?: 'robot' | 'staff';

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @OptionalNotNull() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  // Bounded: SQLite cannot bind an offset past 2^63 (1e20 was a 500); a billion is more than any list holds.
  @ApiPropertyOptional({ default: 0, maximum: 1_000_000_000 })
  @OptionalNotNull() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000_000)
  offset?: number;
}
