import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TASK_PRIORITIES, type CareActivity, type CarePlan, type CarePlanInput, type TaskPriority } from '@opiekun/domain';
import { OptionalNotNull } from '../optional-not-null.decorator';

const ACTION_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const NODE = /^(@room|@station|[A-Za-z0-9][A-Za-z0-9_.:-]{0,127})$/;
const NODE_MESSAGE = '$property must be a node id, @room (the resident\'s room) or @station (the ward\'s nurse station)';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CareActivityDto {
  @ApiProperty({ example: 'vitals' }) @IsString() @MinLength(1) @MaxLength(64) type!: string;
  @ApiProperty({ enum: TASK_PRIORITIES }) @IsIn(TASK_PRIORITIES) priority!: TaskPriority;
  @ApiPropertyOptional({ enum: ['staff'], description: 'staff: a staff-only activity, straight to the ward staff queue' })
  @OptionalNotNull() @IsIn(['staff']) performer?: 'staff';
  @ApiPropertyOptional({ example: 'F0-kitchen' }) @OptionalNotNull() @Matches(NODE, { message: NODE_MESSAGE }) from?: string;
  @ApiPropertyOptional({ example: '@room' }) @OptionalNotNull() @Matches(NODE, { message: NODE_MESSAGE }) to?: string;
  @ApiPropertyOptional() @OptionalNotNull() @Matches(ACTION_TYPE) pickAction?: string;
  @ApiPropertyOptional() @OptionalNotNull() @Matches(ACTION_TYPE) dropAction?: string;
  @ApiPropertyOptional({ example: '@room' }) @OptionalNotNull() @Matches(NODE, { message: NODE_MESSAGE }) atNode?: string;
  @ApiPropertyOptional({ example: 'measureVitals' }) @OptionalNotNull() @Matches(ACTION_TYPE) action?: string;
  @ApiPropertyOptional({ type: [String] }) @OptionalNotNull() @IsArray() @ArrayMaxSize(16) @Matches(ACTION_TYPE, { each: true }) requires?: string[];
  @ApiPropertyOptional() @OptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(86_400) serviceS?: number;
  @ApiPropertyOptional({ maxLength: 500 }) @OptionalNotNull() @IsString() @MaxLength(500) note?: string;
}

export class SaveCarePlanDto {
  @ApiProperty({ example: 'Pomiar parametrów rano' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiPropertyOptional({ description: "A resident's plan (give residentId or wardId)" }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) residentId?: string;
  @ApiPropertyOptional({ description: "A ward's plan" }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) wardId?: string;
  @ApiProperty({ description: 'iCalendar RRULE value, in the facility time zone', example: 'FREQ=DAILY;BYHOUR=8,13,18' })
  @IsString() @MinLength(4) @MaxLength(500)
  rrule!: string;
  @ApiProperty({ example: '2026-11-23', description: 'First local date' }) @Matches(DATE, { message: '$property must be YYYY-MM-DD' }) startsOn!: string;
  @ApiPropertyOptional({ description: 'Last local date (inclusive)' }) @OptionalNotNull() @Matches(DATE, { message: '$property must be YYYY-MM-DD' }) endsOn?: string;
  @ApiPropertyOptional({ default: 0, description: 'Minutes before the occurrence the task may start' })
  @OptionalNotNull() @IsInt() @Min(0) @Max(1440) leadMin?: number;
  @ApiPropertyOptional({ default: 60, description: 'Minutes after the occurrence by which it should be done' })
  @OptionalNotNull() @IsInt() @Min(1) @Max(10_080) windowMin?: number;
  // ValidateNested passes a missing activity and checks an array's members: both reached the service (a 500).
  @ApiProperty({ type: CareActivityDto }) @IsObject() @ValidateNested() @Type(() => CareActivityDto) activity!: CareActivityDto;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CarePlanQueryDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) resident?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) ward?: string;
  @ApiPropertyOptional({ default: false }) @OptionalNotNull() @Transform(toBool) @IsBoolean() activeOnly?: boolean;
}

export function toCarePlanInput(dto: SaveCarePlanDto): CarePlanInput {
  const { title, residentId, wardId, rrule, startsOn, endsOn, leadMin, windowMin, activity } = dto;
  const clean = Object.fromEntries(Object.entries(activity).filter(([, v]) => v !== undefined)) as unknown as CareActivity;
  return { title, residentId, wardId, rrule, startsOn, endsOn, leadMin: leadMin ?? 0, windowMin: windowMin ?? 60, activity: clean };
}

export class CarePlanResponse {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() residentId?: string;
  @ApiPropertyOptional() wardId?: string;
  @ApiProperty() rrule!: string;
  @ApiProperty() startsOn!: string;
  @ApiPropertyOptional() endsOn?: string;
  @ApiProperty() leadMin!: number;
  @ApiProperty() windowMin!: number;
  @ApiProperty({ type: CareActivityDto }) activity!: CareActivityDto;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(plan: CarePlan): CarePlanResponse {
    return {
      ...plan,
      activity: { ...plan.activity, requires: plan.activity.requires ? [...plan.activity.requires] : undefined },
      createdAt: new Date(plan.createdAt).toISOString(),
      updatedAt: new Date(plan.updatedAt).toISOString(),
    };
  }
}
