import { ESCALATION_REASONS, TASK_PRIORITIES, TASK_STATUSES, type Cause, type Escalation, type Task, type TaskEvent, type TaskSpec } from '@opiekun/domain';
import { TaskEventEntity } from '../entities/task-event.entity';
import { TaskEntity } from '../entities/task.entity';
import { nullToUndefined, storedOneOf, undefinedToNull, withoutUndefined } from './stored-value';

const CAUSE_KINDS: readonly Cause['kind'][] = ['staff', 'system', 'robot'];

export function taskToEntity(task: Task): TaskEntity {
  const entity = new TaskEntity();
  entity.id = task.id;
  entity.type = task.type;
  entity.priority = task.priority;
  entity.spec = JSON.stringify(task.spec);
  entity.requires = JSON.stringify(task.requires);
  entity.earliestStart = undefinedToNull(task.earliestStart);
  entity.deadline = undefinedToNull(task.deadline);
  entity.note = undefinedToNull(task.note);
  entity.serviceS = undefinedToNull(task.serviceS);
  entity.status = task.status;
  entity.robotId = undefinedToNull(task.robotId);
  entity.attempt = task.attempt;
  entity.createdAt = task.createdAt;
  entity.updatedAt = task.updatedAt;
  entity.startedAt = undefinedToNull(task.startedAt);
  entity.finishedAt = undefinedToNull(task.finishedAt);
  entity.statusReason = undefinedToNull(task.statusReason);
  entity.residentId = undefinedToNull(task.residentId);
  entity.wardId = undefinedToNull(task.wardId);
  entity.carePlanId = undefinedToNull(task.carePlanId);
  entity.performer = undefinedToNull(task.performer);
  entity.staffId = undefinedToNull(task.staffId);
  entity.escalationReason = undefinedToNull(task.escalation?.reason);
  entity.escalatedAt = undefinedToNull(task.escalation?.at);
  entity.escalationDetail = undefinedToNull(task.escalation?.detail);
  return entity;
}

export function taskFromEntity(entity: TaskEntity): Task {
  return withoutUndefined({
    id: entity.id,
    type: entity.type,
    priority: storedOneOf(TASK_PRIORITIES, entity.priority, 'task.priority'),
    spec: JSON.parse(entity.spec) as TaskSpec,
    requires: JSON.parse(entity.requires) as string[],
    earliestStart: nullToUndefined(entity.earliestStart),
    deadline: nullToUndefined(entity.deadline),
    note: nullToUndefined(entity.note),
    serviceS: nullToUndefined(entity.serviceS),
    status: storedOneOf(TASK_STATUSES, entity.status, 'task.status'),
    robotId: nullToUndefined(entity.robotId),
    attempt: entity.attempt,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    startedAt: nullToUndefined(entity.startedAt),
    finishedAt: nullToUndefined(entity.finishedAt),
    statusReason: nullToUndefined(entity.statusReason),
    residentId: nullToUndefined(entity.residentId),
    wardId: nullToUndefined(entity.wardId),
    carePlanId: nullToUndefined(entity.carePlanId),
    performer: entity.performer === null ? undefined : storedOneOf(['staff'] as const, entity.performer, 'task.performer'),
    staffId: nullToUndefined(entity.staffId),
    escalation: escalationFromEntity(entity),
  });
}

function escalationFromEntity(entity: TaskEntity): Escalation | undefined {
  if (entity.escalationReason === null || entity.escalatedAt === null) return undefined;
  return withoutUndefined({
    reason: storedOneOf(ESCALATION_REASONS, entity.escalationReason, 'task.escalation_reason'),
    at: entity.escalatedAt,
    detail: nullToUndefined(entity.escalationDetail),
  });
}

export function taskEventToEntity(event: TaskEvent): TaskEventEntity {
  const entity = new TaskEventEntity();
  entity.taskId = event.taskId;
  entity.at = event.at;
  entity.from = event.from;
  entity.to = event.to;
  entity.causeKind = event.cause.kind;
  entity.causeId = undefinedToNull(event.cause.id);
  entity.causeReason = undefinedToNull(event.cause.reason);
  entity.robotId = undefinedToNull(event.robotId);
  entity.detail = undefinedToNull(event.detail);
  return entity;
}

export function taskEventFromEntity(entity: TaskEventEntity): TaskEvent {
  const cause: Cause = withoutUndefined({
    kind: storedOneOf(CAUSE_KINDS, entity.causeKind, 'task_event.cause_kind'),
    id: nullToUndefined(entity.causeId),
    reason: nullToUndefined(entity.causeReason),
  });
  return withoutUndefined({
    taskId: entity.taskId,
    at: entity.at,
    from: entity.from === null ? null : storedOneOf(TASK_STATUSES, entity.from, 'task_event.from_status'),
    to: storedOneOf(TASK_STATUSES, entity.to, 'task_event.to_status'),
    cause,
    robotId: nullToUndefined(entity.robotId),
    detail: nullToUndefined(entity.detail),
  });
}
