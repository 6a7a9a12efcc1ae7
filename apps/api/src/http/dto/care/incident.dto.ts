import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { IncidentInput } from '@opiekun/application';
import { INCIDENT_KINDS, type Incident, type IncidentKind, type Task } from '@opiekun/domain';
import { TaskResponse } from '../task.response';
import { epochMsOf, IsDateTimeWithOffset } from '../date-time-with-offset.decorator';
import { OptionalNotNull } from '../optional-not-null.decorator';

/** What staff saw: an operational record (who, where, what happened), not a clinical assessment. */
export class ReportIncidentDto {
  @ApiProperty({ description: 'The resident it happened to' }) @IsString() @MinLength(1) @MaxLength(64) residentId!: string;
  @ApiProperty({ enum: INCIDENT_KINDS }) @IsIn(INCIDENT_KINDS) kind!: IncidentKind;
  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; default now; never in the future' })
  @OptionalNotNull() @IsDateTimeWithOffset()
  occurredAt?: string;
  @ApiProperty({ maxLength: 2000, example: 'Found on the floor by the bed, helped up' }) @IsString() @MinLength(1) @MaxLength(2000) description!: string;
}

export function toIncidentInput(dto: ReportIncidentDto): IncidentInput {
  return { residentId: dto.residentId, kind: dto.kind, description: dto.description, occurredAt: epochMsOf(dto.occurredAt) };
}

export class IncidentQueryDto {
  @ApiPropertyOptional({ description: 'Ward id' }) @OptionalNotNull() @IsString() @MaxLength(64) ward?: string;
  @ApiPropertyOptional({ description: 'Resident id' }) @OptionalNotNull() @IsString() @MaxLength(64) resident?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Only incidents that happened at or after this time' }) @OptionalNotNull() @IsDateTimeWithOffset() since?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @OptionalNotNull() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class IncidentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() residentId!: string;
  @ApiProperty() wardId!: string;
  @ApiProperty({ enum: INCIDENT_KINDS }) kind!: IncidentKind;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Staff user id' }) reportedBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: [TaskResponse], description: 'The follow-up checks: one staff task in each shift for 72 h (in the detail and after a report)' })
  followUps?: TaskResponse[];

  static from(i: Incident, followUps?: readonly Task[]): IncidentResponse {
    return {
      id: i.id,
      residentId: i.residentId,
      wardId: i.wardId,
      kind: i.kind,
      occurredAt: new Date(i.occurredAt).toISOString(),
      description: i.description,
      reportedBy: i.reportedBy,
      createdAt: new Date(i.createdAt).toISOString(),
      ...(followUps ? { followUps: followUps.map((t) => TaskResponse.from(t)) } : {}),
    };
  }
}
