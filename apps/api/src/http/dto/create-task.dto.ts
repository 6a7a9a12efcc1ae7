import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { TASK_PRIORITIES, type TaskPriority } from '@opiekun/domain';
import { IsDateTimeWithOffset } from './date-time-with-offset.decorator';
import { OptionalNotNull } from './optional-not-null.decorator';

const ACTION_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const ACTION_TYPE_MESSAGE = '$property must be an action type (letters, digits, _ . -; up to 64 characters)';

/** A transport (`from` + `to`) or a visit (`atNode` + `action`). */
export class CreateTaskDto {
  @ApiProperty({ example: 'meal', description: 'Task type, e.g. meal, linen, medication, vitals' })
  @IsString() @MinLength(1) @MaxLength(64)
  type!: string;

  @ApiProperty({ enum: TASK_PRIORITIES, example: 'routine' })
  @IsIn(TASK_PRIORITIES)
  priority!: TaskPriority;

  @ApiPropertyOptional({ description: 'Transport: node where the load is picked up', example: 'F0-kitchen' })
  @ValidateIf((o: CreateTaskDto) => o.atNode === undefined || o.from !== undefined)
  @IsString() @MinLength(1) @MaxLength(128)
  from?: string;

  @ApiPropertyOptional({ description: 'Transport: node where the load is dropped', example: 'F1-R104' })
  @ValidateIf((o: CreateTaskDto) => o.from !== undefined || o.atNode === undefined)
  @IsString() @MinLength(1) @MaxLength(128)
  to?: string;

  @ApiPropertyOptional({ default: 'pick' })
  @OptionalNotNull() @Matches(ACTION_TYPE, { message: ACTION_TYPE_MESSAGE })
  pickAction?: string;

  @ApiPropertyOptional({ default: 'drop' })
  @OptionalNotNull() @Matches(ACTION_TYPE, { message: ACTION_TYPE_MESSAGE })
  dropAction?: string;

  @ApiPropertyOptional({ description: 'Visit: node to go to', example: 'F2-R205' })
  @ValidateIf((o: CreateTaskDto) => o.atNode !== undefined || o.action !== undefined)
  @IsString() @MinLength(1) @MaxLength(128)
  atNode?: string;

  @ApiPropertyOptional({ description: 'Visit: action to perform there', example: 'measureVitals' })
  @ValidateIf((o: CreateTaskDto) => o.atNode !== undefined || o.action !== undefined)
  @Matches(ACTION_TYPE, { message: ACTION_TYPE_MESSAGE })
  action?: string;

  @ApiPropertyOptional({ type: [String], description: 'Extra action types the robot must support' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(16) @Matches(ACTION_TYPE, { each: true, message: ACTION_TYPE_MESSAGE })
  requires?: string[];

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull() @IsDateTimeWithOffset()
  earliestStart?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull() @IsDateTimeWithOffset()
  deadline?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @OptionalNotNull() @IsString() @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ description: 'Expected seconds of work at the destination' })
  @OptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(86_400)
  serviceS?: number;
}
