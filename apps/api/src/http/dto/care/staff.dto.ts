import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '@opiekun/application';
import { TASK_PRIORITIES, type NewTaskInput, type TaskPriority } from '@opiekun/domain';
import { epochMsOf, IsDateTimeWithOffset } from '../date-time-with-offset.decorator';
import { OptionalNotNull } from '../optional-not-null.decorator';

export class StaffMemberResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
  @ApiProperty({ type: [String] }) wardIds!: string[];

  static from(m: StaffMember): StaffMemberResponse {
    return { id: m.id, username: m.username, displayName: m.displayName, role: m.role, wardIds: [...m.wardIds] };
  }
}

export class AssignWardsDto {
  @ApiProperty({ type: [String], example: ['F1'] })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(64, { each: true })
  wardIds!: string[];
}

export class StaffQueueQueryDto {
  @ApiPropertyOptional({ description: 'Ward id; default: the wards of the signed-in staff member' })
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64)
  ward?: string;
}

export class StaffTaskNoteDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'What was done, or why it is given back' })
  @OptionalNotNull() @IsString() @MaxLength(500)
  note?: string;
}

const ACTION = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** A staff-only task at a place (e.g. repositioning a bed-bound resident). */
export class CreateStaffTaskDto {
  @ApiProperty({ example: 'reposition' }) @IsString() @MinLength(1) @MaxLength(64) type!: string;
  @ApiProperty({ enum: TASK_PRIORITIES }) @IsIn(TASK_PRIORITIES) priority!: TaskPriority;
  @ApiProperty({ example: 'F1-R104', description: 'Node where it happens' }) @IsString() @MinLength(1) @MaxLength(128) atNode!: string;
  @ApiProperty({ example: 'reposition', description: 'What is done there' }) @Matches(ACTION) action!: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) residentId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @OptionalNotNull() @IsDateTimeWithOffset() earliestStart?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @OptionalNotNull() @IsDateTimeWithOffset() deadline?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @OptionalNotNull() @IsString() @MaxLength(500) note?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(86_400) serviceS?: number;
}

export function toStaffTaskInput(dto: CreateStaffTaskDto): NewTaskInput {
  return { ...dto, earliestStart: epochMsOf(dto.earliestStart), deadline: epochMsOf(dto.deadline), performer: 'staff' };
}
