import { keepsMission, type Mission, type MissionStore, type Page, type RequestKey, type Reservation, type StoredRequest, type TaskQuery, type TaskRequestStore, type TaskStore } from '@opiekun/application';
import { DomainError, DomainErrorCode, TASK_STATUSES, isTerminal, type Task, type TaskEvent } from '@opiekun/domain';
import {
  And,
  In,
  IsNull,
  LessThan,
  MoreThanOrEqual,
  type DataSource,
  type EntityManager,
  type FindOptionsWhere,
} from 'typeorm';
import { OutboxEntity } from '../entities/outbox.entity';
import { TaskRequestEntity } from '../entities/task-request.entity';
import { TaskEventEntity } from '../entities/task-event.entity';
import { TaskEntity } from '../entities/task.entity';
import { taskEventFromEntity, taskEventToEntity, taskFromEntity, taskToEntity } from '../mappers/task.mapper';
import { serially } from './one-connection-queue';

const ACTIVE_STATUSES = TASK_STATUSES.filter((s) => !isTerminal(s));

export class TypeormTaskStore implements TaskStore, MissionStore, TaskRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The task with all its first events, in one transaction: a task is stored whole or not at all. */
  insert(task: Task, events: TaskEvent | readonly TaskEvent[], request?: RequestKey, mission?: Mission): Promise<void> {
    const all = Array.isArray(events) ? (events as readonly TaskEvent[]) : [events as TaskEvent];
    return this.inTransaction(async (manager) => {
      await manager.insert(TaskEntity, taskToEntity(task));
      if (all.length > 0) await manager.insert(TaskEventEntity, all.map(taskEventToEntity));
      if (request !== undefined) {
        await manager.insert(TaskRequestEntity, { requestKey: request.key, kind: 'task', fingerprint: request.fingerprint, taskId: task.id, createdAt: task.createdAt });
      }
      if (mission) await this.keepOutbox(manager, task, mission);
    });
  }

  requestFor(key: string): Promise<StoredRequest | undefined> {
    return serially(this.dataSource, async () => {
      const row = await this.dataSource.manager.findOneBy(TaskRequestEntity, { requestKey: key });
      return row === null ? undefined : storedRequest(row);
    });
  }

  /** One INSERT: the key's primary key refuses it when written already, from this process or another. */
  reserve(request: RequestKey, made: Reservation, at: number): Promise<void> {
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.insert(TaskRequestEntity, { requestKey: request.key, kind: made.kind, carePlanId: made.id, fingerprint: request.fingerprint, createdAt: at });
    });
  }

  /** The current missions of tasks that robots hold (the outbox), oldest first. */
  current(): Promise<readonly Mission[]> {
    return serially(this.dataSource, async () => {
      const rows = await this.dataSource.manager.find(OutboxEntity, { order: { createdAt: 'ASC', taskId: 'ASC' } });
      return rows.map((row) => JSON.parse(row.payload) as Mission);
    });
  }

  forTask(taskId: string): Promise<Mission | undefined> {
    return serially(this.dataSource, async () => {
      const row = await this.dataSource.manager.findOneBy(OutboxEntity, { taskId });
      return row === null ? undefined : (JSON.parse(row.payload) as Mission);
    });
  }

  replace(mission: Mission): Promise<void> {
    const taskId = mission.taskId;
    if (taskId === undefined) return Promise.resolve();
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.update(OutboxEntity, { taskId, missionId: mission.id }, { payload: JSON.stringify(mission) });
    });
  }

  save(task: Task, events: readonly TaskEvent[], expectedUpdatedAt: number, mission?: Mission): Promise<void> {
    return this.inTransaction(async (manager) => {
      const { id, createdAt: _keptAsFirstStored, ...changes } = taskToEntity(task);
      const result = await manager
        .createQueryBuilder()
        .update(TaskEntity)
        .set(changes)
        .where('id = :id AND updated_at = :expectedUpdatedAt', { id, expectedUpdatedAt })
        .execute();
      if (result.affected === 0) throw await this.notSavedError(manager, id);
      if (events.length > 0) await manager.insert(TaskEventEntity, events.map(taskEventToEntity));
      await this.keepOutbox(manager, task, mission);
    });
  }

  /** One outbox row per task a robot holds: replaced with a new assignment, confirmed once under way, gone after. */
  private async keepOutbox(manager: EntityManager, task: Task, mission: Mission | undefined): Promise<void> {
    if (mission) {
      await manager.delete(OutboxEntity, { taskId: task.id });
      await manager.insert(OutboxEntity, {
        taskId: task.id,
        robotId: mission.robotId,
        missionId: mission.id,
        payload: JSON.stringify(mission),
        createdAt: task.updatedAt,
        confirmedAt: null,
      });
    } else if (!keepsMission(task)) {
      await manager.delete(OutboxEntity, { taskId: task.id });
    } else if (task.status === 'in-progress') {
      await manager.update(OutboxEntity, { taskId: task.id, confirmedAt: IsNull() }, { confirmedAt: task.updatedAt });
    }
  }

  get(id: string): Promise<Task | undefined> {
    return serially(this.dataSource, async () => {
      const entity = await this.dataSource.manager.findOneBy(TaskEntity, { id });
      return entity === null ? undefined : taskFromEntity(entity);
    });
  }

  history(id: string): Promise<readonly TaskEvent[]> {
    return serially(this.dataSource, async () => {
      const entities = await this.dataSource.manager.find(TaskEventEntity, {
        where: { taskId: id },
        order: { at: 'ASC', id: 'ASC' },
      });
      return entities.map(taskEventFromEntity);
    });
  }

  /** Newest first (createdAt descending, then id ascending, so pages are stable). */
  query(query: TaskQuery): Promise<Page<Task>> {
    return serially(this.dataSource, async () => {
      const [entities, total] = await this.dataSource.manager.findAndCount(TaskEntity, {
        where: taskQueryWhere(query),
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: query.offset,
        take: query.limit,
      });
      return { items: entities.map(taskFromEntity), total };
    });
  }

  /** Oldest first. */
  active(): Promise<readonly Task[]> {
    return serially(this.dataSource, async () => {
      const entities = await this.dataSource.manager.find(TaskEntity, {
        where: { status: In(ACTIVE_STATUSES) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return entities.map(taskFromEntity);
    });
  }

  private inTransaction(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    return serially(this.dataSource, () => this.dataSource.transaction(work));
  }

  private async notSavedError(manager: EntityManager, id: string): Promise<DomainError> {
    const exists = await manager.existsBy(TaskEntity, { id });
    return exists
      ? new DomainError(DomainErrorCode.TaskTransitionInvalid, `task ${id} was changed concurrently`, id)
      : new DomainError(DomainErrorCode.TaskNotFound, `task ${id} does not exist`, id);
  }
}

function taskQueryWhere(query: TaskQuery): FindOptionsWhere<TaskEntity> {
  const where: FindOptionsWhere<TaskEntity> = {};
  if (query.status !== undefined) where.status = In([...query.status]);
  if (query.robotId !== undefined) where.robotId = query.robotId;
  if (query.priority !== undefined) where.priority = In([...query.priority]);
  if (query.type !== undefined) where.type = In([...query.type]);
  if (query.wardId !== undefined) where.wardId = In([...query.wardId]);
  if (query.residentId !== undefined) where.residentId = query.residentId;
  if (query.carePlanId !== undefined) where.carePlanId = query.carePlanId;
  if (query.performer !== undefined) where.performer = query.performer === 'staff' ? 'staff' : IsNull();
  const from = query.createdFrom === undefined ? undefined : MoreThanOrEqual(query.createdFrom);
  const to = query.createdTo === undefined ? undefined : LessThan(query.createdTo);
  if (from !== undefined && to !== undefined) where.createdAt = And(from, to);
  else if (from !== undefined || to !== undefined) where.createdAt = from ?? to;
  return where;
}

/** A row of another kind than a task names its thing in that kind's column; every key stored before kinds is a task's. */
function storedRequest(row: TaskRequestEntity): StoredRequest {
  const fingerprint = row.fingerprint ?? undefined;
  if (row.kind === 'care-plan' && row.carePlanId !== null) return { kind: 'care-plan', id: row.carePlanId, fingerprint };
  if (row.kind === 'task' && row.taskId !== null) return { kind: 'task', id: row.taskId, fingerprint };
  throw new Error(`task_request ${row.requestKey}: kind ${row.kind} names nothing it made`);
}
