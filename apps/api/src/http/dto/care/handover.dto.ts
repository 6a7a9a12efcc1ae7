import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { handoverStatus, type HandoverReport, type HandoverSignature, type HandoverStatus } from '@opiekun/domain';
import { OptionalNotNull } from '../optional-not-null.decorator';

const iso = (ms: number) => new Date(ms).toISOString();

export class GenerateHandoverDto {
  @ApiProperty({ example: 'F1', description: "The ward whose current shift is handed over (the shift ending at the next shift change)" })
  @IsString() @MinLength(1) @MaxLength(64)
  wardId!: string;
}

export class SignHandoverDto {
  @ApiProperty({ enum: ['outgoing', 'incoming'], description: 'outgoing: the nurse ending the shift signs first; incoming: another nurse, second' })
  @IsIn(['outgoing', 'incoming'])
  as!: 'outgoing' | 'incoming';

  @ApiPropertyOptional({ maxLength: 2000, description: "The outgoing nurse's remarks (ignored for the incoming signature)" })
  @OptionalNotNull() @IsString() @MaxLength(2000)
  note?: string;
}

export class HandoverQueryDto {
  @ApiPropertyOptional({ description: 'Ward id; default all wards' }) @OptionalNotNull() @IsString() @MaxLength(64) ward?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @OptionalNotNull() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class HandoverOpenTaskResponse {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() status!: string;
  @ApiProperty() priority!: string;
  @ApiProperty({ enum: ['robot', 'staff'] }) performer!: 'robot' | 'staff';
  @ApiPropertyOptional() residentId?: string;
  @ApiPropertyOptional() roomNode?: string;
  @ApiPropertyOptional({ description: 'Not before (care plans, follow-up checks)' }) earliestStart?: string;
  @ApiPropertyOptional() deadline?: string;
}

export class HandoverEscalationResponse {
  @ApiProperty() taskId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() detail?: string;
}

export class HandoverAlertTaskResponse {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiPropertyOptional({ description: 'Where it happens: a visit\'s node, a transport\'s room end' }) placeNode?: string;
  @ApiPropertyOptional({ description: 'Why it went to staff (escalation code), when it did' }) escalationReason?: string;
}

export class HandoverAlertResponse {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() at!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() roomId?: string;
  @ApiProperty() acknowledged!: boolean;
  @ApiPropertyOptional({ description: 'The robot the alert is about' }) robotId?: string;
  @ApiPropertyOptional({ type: HandoverAlertTaskResponse, description: 'The task the alert is about, as it stood when the report was generated (absent in reports generated before 7 Dec 2026)' })
  task?: HandoverAlertTaskResponse;
}

export class HandoverIncidentRefResponse {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() occurredAt!: string;
}

export class HandoverResidentResponse {
  @ApiProperty() residentId!: string;
  @ApiProperty({ type: [HandoverIncidentRefResponse] }) incidents!: HandoverIncidentRefResponse[];
}

export class HandoverSignatureResponse {
  @ApiProperty() staffId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() at!: string;
}

export class HandoverResponse {
  @ApiProperty() id!: string;
  @ApiProperty() wardId!: string;
  @ApiProperty({ enum: ['draft', 'signed-out', 'complete'], description: 'draft → signed-out (outgoing nurse) → complete (incoming nurse); complete reports never change' })
  status!: HandoverStatus;
  @ApiProperty() shiftStart!: string;
  @ApiProperty() shiftEnd!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: [HandoverOpenTaskResponse], description: "The ward's open tasks when generated" }) openTasks!: HandoverOpenTaskResponse[];
  @ApiProperty({ type: [HandoverEscalationResponse], description: 'Tasks escalated to staff during the shift' }) escalations!: HandoverEscalationResponse[];
  @ApiProperty({ type: [HandoverAlertResponse], description: "The ward's alerts of the shift" }) alerts!: HandoverAlertResponse[];
  @ApiProperty({ type: [HandoverResidentResponse], description: 'Residents with an incident in the last 72 h' }) residentsWithIncidents!: HandoverResidentResponse[];
  @ApiPropertyOptional({ type: HandoverSignatureResponse }) outgoing?: HandoverSignatureResponse;
  @ApiPropertyOptional({ type: HandoverSignatureResponse }) incoming?: HandoverSignatureResponse;
  @ApiPropertyOptional() note?: string;

  static from(r: HandoverReport): HandoverResponse {
    const signature = (s: HandoverSignature | undefined) => (s ? { staffId: s.staffId, displayName: s.displayName, at: iso(s.at) } : undefined);
    const c = r.content;
    return {
      id: r.id,
      wardId: r.wardId,
      status: handoverStatus(r),
      shiftStart: iso(r.shiftStart),
      shiftEnd: iso(r.shiftEnd),
      generatedAt: iso(r.generatedAt),
      openTasks: c.openTasks.map((t) => ({ ...t, earliestStart: t.earliestStart === undefined ? undefined : iso(t.earliestStart), deadline: t.deadline === undefined ? undefined : iso(t.deadline) })),
      escalations: c.escalations.map((e) => ({ ...e, at: iso(e.at) })),
      alerts: c.alerts.map((a) => ({ ...a, at: iso(a.at) })),
      residentsWithIncidents: c.residentsWithIncidents.map((x) => ({ residentId: x.residentId, incidents: x.incidents.map((i) => ({ ...i, occurredAt: iso(i.occurredAt) })) })),
      outgoing: signature(r.outgoing),
      incoming: signature(r.incoming),
      note: r.note,
    };
  }
}
