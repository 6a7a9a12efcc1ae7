import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { CreatedPatrol, PatrolRequest } from '@opiekun/application';
import { TASK_PRIORITIES, type TaskPriority } from '@opiekun/domain';
import { TaskResponse } from '../http/dto/task.response';
import { OptionalNotNull } from '../http/dto/optional-not-null.decorator';

/** A night patrol: either the rooms in visiting order, or a ward (all its rooms). */
export class CreatePatrolDto {
  @ApiPropertyOptional({ type: [String], example: ['104', '105', '106'], description: 'Room ids in visiting order (or give wardId)' })
  @OptionalNotNull() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(64, { each: true })
  rooms?: string[];

  @ApiPropertyOptional({ example: 'F1', description: 'Every room of this ward (or give rooms)' })
  @OptionalNotNull() @IsString() @MaxLength(64)
  wardId?: string;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'urgent', description: 'urgent by default: quiet hours hold back routine tasks into rooms' })
  @OptionalNotNull() @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ maxLength: 500 })
  @OptionalNotNull() @IsString() @MaxLength(500)
  note?: string;
}

export function toPatrolRequest(dto: CreatePatrolDto): PatrolRequest {
  return { rooms: dto.rooms, wardId: dto.wardId, priority: dto.priority, note: dto.note };
}

export class SkippedRoomResponse {
  @ApiProperty() roomId!: string;
  @ApiProperty({ enum: ['no-camera'], description: 'no-camera: the room is marked "no camera"; staff check it in person' }) reason!: 'no-camera';
}

export class PatrolResponse {
  @ApiProperty({ type: TaskResponse }) task!: TaskResponse;
  @ApiProperty({ type: [SkippedRoomResponse] }) skipped!: SkippedRoomResponse[];

  static from(created: CreatedPatrol): PatrolResponse {
    return { task: TaskResponse.from(created.task), skipped: created.skipped.map((s) => ({ roomId: s.roomId, reason: s.reason })) };
  }
}
