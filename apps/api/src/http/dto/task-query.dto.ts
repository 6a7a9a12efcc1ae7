import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Max, MaxLength, Min } from 'class-validator';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '@opiekun/domain';
import { OptionalNotNull } from './optional-not-null.decorator';

const list = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter(Boolean);

export class TaskQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, isArray: true, description: 'Comma-separated or repeated' })
  @OptionalNotNull() @Transform(list) @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, isArray: true })
  @OptionalNotNull() @Transform(list) @IsIn(TASK_PRIORITIES, { each: true })
  priority?: TaskPriority[];

  @ApiPropertyOptional({ isArray: true, type: String })
  @OptionalNotNull() @Transform(list) @IsString({ each: true }) @MaxLength(64, { each: true })
  type?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @MaxLength(200)
  robot?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @OptionalNotNull() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @OptionalNotNull() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ isArray: true, type: String, description: 'Ward ids (care tasks)' })
  @OptionalNotNull() @Transform(list) @IsString({ each: true }) @MaxLength(64, { each: true })
  ward?: string[];

  @ApiPropertyOptional({ description: 'Resident id' })
  @OptionalNotNull() @IsString() @MaxLength(64)
  resident?: string;

  @ApiPropertyOptional({ description: 'Care plan id' })
  @OptionalNotNull() @IsString() @MaxLength(64)
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
