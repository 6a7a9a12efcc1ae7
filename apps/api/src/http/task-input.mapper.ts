import type { TaskQuery } from '@opiekun/application';
import type { NewTaskInput } from '@opiekun/domain';
import type { CreateTaskDto } from './dto/create-task.dto';
import { epochMsOf as ms } from './dto/date-time-with-offset.decorator';
import type { TaskQueryDto } from './dto/task-query.dto';

export function toNewTaskInput(dto: CreateTaskDto): NewTaskInput {
  return {
    type: dto.type,
    priority: dto.priority,
    from: dto.from,
    to: dto.to,
    pickAction: dto.pickAction,
    dropAction: dto.dropAction,
    atNode: dto.atNode,
    action: dto.action,
    requires: dto.requires,
    earliestStart: ms(dto.earliestStart),
    deadline: ms(dto.deadline),
    note: dto.note,
    serviceS: dto.serviceS,
  };
}

export function toTaskQuery(dto: TaskQueryDto): TaskQuery {
  return {
    status: dto.status,
    priority: dto.priority,
    type: dto.type,
    robotId: dto.robot,
    createdFrom: ms(dto.from),
    createdTo: ms(dto.to),
    wardId: dto.ward,
    residentId: dto.resident,
    carePlanId: dto.carePlan,
    performer: dto.performer,
    limit: dto.limit ?? 50,
    offset: dto.offset ?? 0,
  };
}
