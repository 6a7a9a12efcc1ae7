import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESCALATION_REASONS, TASK_PRIORITIES, TASK_STATUSES, type EscalationReason, type Task, type TaskEvent, type TaskPriority, type TaskStatus } from '@opiekun/domain';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export class TaskEventResponse {
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES, nullable: true }) from!: TaskStatus | null;
  @ApiProperty({ enum: TASK_STATUSES }) to!: TaskStatus;
  @ApiProperty({ enum: ['staff', 'system', 'robot'] }) causeKind!: string;
  @ApiPropertyOptional() causeId?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() robotId?: string;

  static from(event: TaskEvent): TaskEventResponse {
    return {
      at: new Date(event.at).toISOString(),
      from: event.from,
      to: event.to,
      causeKind: event.cause.kind,
      causeId: event.cause.id,
      reason: event.cause.reason ?? event.detail,
      robotId: event.robotId,
    };
  }
}

export class TaskStopResponse {
  @ApiProperty() node!: string;
  @ApiProperty() action!: string;
}

export class TaskResponse {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: TASK_PRIORITIES }) priority!: TaskPriority;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ enum: ['transport', 'visit', 'patrol'] }) kind!: 'transport' | 'visit' | 'patrol';
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() to?: string;
  @ApiPropertyOptional() pickAction?: string;
  @ApiPropertyOptional() dropAction?: string;
  @ApiPropertyOptional() atNode?: string;
  @ApiPropertyOptional() action?: string;
  @ApiPropertyOptional({ type: [TaskStopResponse], description: 'patrol: the stops in order' }) stops?: TaskStopResponse[];
  @ApiProperty({ type: [String] }) requires!: string[];
  @ApiPropertyOptional() earliestStart?: string;
  @ApiPropertyOptional() deadline?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() serviceS?: number;
  @ApiPropertyOptional() robotId?: string;
  @ApiProperty() attempt!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiPropertyOptional() statusReason?: string;
  @ApiPropertyOptional({ description: 'Resident the task is for (id only)' }) residentId?: string;
  @ApiPropertyOptional() wardId?: string;
  @ApiPropertyOptional() carePlanId?: string;
  @ApiProperty({ enum: ['robot', 'staff'], description: 'robot: the fleet works it; staff: the ward staff queue' }) performer!: 'robot' | 'staff';
  @ApiPropertyOptional({ description: 'Staff member who claimed it' }) staffId?: string;
  @ApiPropertyOptional({ enum: ESCALATION_REASONS, description: 'Why it went to staff, the last time it did' }) escalationReason?: EscalationReason;
  @ApiPropertyOptional() escalatedAt?: string;
  @ApiPropertyOptional({ type: [TaskEventResponse] }) history?: TaskEventResponse[];

  static from(task: Task, history?: readonly TaskEvent[]): TaskResponse {
    const spec = task.spec;
    return {
      id: task.id,
      type: task.type,
      priority: task.priority,
      status: task.status,
      kind: spec.kind,
      ...(spec.kind === 'transport'
        ? { from: spec.from, to: spec.to, pickAction: spec.pickAction, dropAction: spec.dropAction }
        : spec.kind === 'visit'
          ? { atNode: spec.atNode, action: spec.action }
          : { stops: spec.stops.map((s) => ({ node: s.node, action: s.action })) }),
      requires: [...task.requires],
      earliestStart: iso(task.earliestStart),
      deadline: iso(task.deadline),
      note: task.note,
      serviceS: task.serviceS,
      robotId: task.robotId,
      attempt: task.attempt,
      createdAt: new Date(task.createdAt).toISOString(),
      updatedAt: new Date(task.updatedAt).toISOString(),
      startedAt: iso(task.startedAt),
      finishedAt: iso(task.finishedAt),
      statusReason: task.statusReason,
      residentId: task.residentId,
      wardId: task.wardId,
      carePlanId: task.carePlanId,
      performer: task.performer ?? 'robot',
      staffId: task.staffId,
      escalationReason: task.escalation?.reason,
      escalatedAt: iso(task.escalation?.at),
      history: history?.map((e) => TaskEventResponse.from(e)),
    };
  }
}

export class TaskPageResponse {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
