import { CarePlanStore, CareSeedStore, ResidentStore, WardStore, type CarePlanQuery, type CareRecords, type PlanOccurrence, type ResidentQuery } from '@opiekun/application';
import type { CarePlan, Resident, Task, TaskEvent, Ward } from '@opiekun/domain';
import { In, MoreThanOrEqual, type DataSource, type FindOptionsWhere, type QueryDeepPartialEntity } from 'typeorm';
import { CarePlanEntity, CarePlanOccurrenceEntity, ResidentEntity, StaffWardEntity, WardEntity } from '../entities/care.entities';
import { TaskEventEntity } from '../entities/task-event.entity';
import { TaskEntity } from '../entities/task.entity';
import { carePlanFromEntity, carePlanToEntity, residentFromEntity, residentToEntity, wardFromEntity, wardToEntity } from '../mappers/care.mapper';
import { taskEventToEntity, taskToEntity } from '../mappers/task.mapper';
import { serially } from './one-connection-queue';

export class TypeormWardStore extends WardStore {
  constructor(private readonly db: DataSource) {
    super();
  }
  list(): Promise<readonly Ward[]> {
    return serially(this.db, async () => (await this.db.manager.find(WardEntity, { order: { id: 'ASC' } })).map(wardFromEntity));
  }
  get(id: string): Promise<Ward | undefined> {
    return serially(this.db, async () => {
      const entity = await this.db.manager.findOneBy(WardEntity, { id });
      return entity ? wardFromEntity(entity) : undefined;
    });
  }
  save(ward: Ward): Promise<void> {
    return serially(this.db, async () => void (await this.db.manager.save(wardToEntity(ward))));
  }
}

export class TypeormResidentStore extends ResidentStore {
  constructor(private readonly db: DataSource) {
    super();
  }
  list(query: ResidentQuery): Promise<readonly Resident[]> {
    return serially(this.db, async () => {
      const where: FindOptionsWhere<ResidentEntity> = {};
      if (!query.includeDischarged) where.status = 'active';
      if (query.wardId) where.wardId = In([...query.wardId]);
      if (query.roomId) where.roomId = query.roomId;
      const entities = await this.db.manager.find(ResidentEntity, { where, order: { roomId: 'ASC', bed: 'ASC', id: 'ASC' } });
      return entities.map(residentFromEntity);
    });
  }
  get(id: string): Promise<Resident | undefined> {
    return serially(this.db, async () => {
      const entity = await this.db.manager.findOneBy(ResidentEntity, { id });
      return entity ? residentFromEntity(entity) : undefined;
    });
  }
  save(resident: Resident): Promise<void> {
    return serially(this.db, async () => void (await this.db.manager.save(residentToEntity(resident))));
  }
}

export class TypeormCarePlanStore extends CarePlanStore {
  constructor(private readonly db: DataSource) {
    super();
  }
  list(query: CarePlanQuery): Promise<readonly CarePlan[]> {
    return serially(this.db, async () => {
      const where: FindOptionsWhere<CarePlanEntity> = {};
      if (query.activeOnly) where.active = true;
      if (query.residentId) where.residentId = query.residentId;
      if (query.wardId) where.wardId = query.wardId;
      return (await this.db.manager.find(CarePlanEntity, { where, order: { createdAt: 'ASC', id: 'ASC' } })).map(carePlanFromEntity);
    });
  }
  get(id: string): Promise<CarePlan | undefined> {
    return serially(this.db, async () => {
      const entity = await this.db.manager.findOneBy(CarePlanEntity, { id });
      return entity ? carePlanFromEntity(entity) : undefined;
    });
  }
  save(plan: CarePlan): Promise<void> {
    return serially(this.db, async () => void (await this.db.manager.save(carePlanToEntity(plan))));
  }

  /**
   * The occurrence row goes first: its primary key (plan, local time) refuses a second insert, from this process or
   * another instance on the same database, and the whole transaction — task and events too — rolls back.
   */
  insertOccurrence(occurrence: PlanOccurrence, task: Task, events: readonly TaskEvent[]): Promise<boolean> {
    return serially(this.db, async () => {
      try {
        await this.db.transaction(async (manager) => {
          await manager.insert(CarePlanOccurrenceEntity, {
            planId: occurrence.planId,
            occurrenceKey: occurrence.key,
            at: occurrence.at,
            taskId: occurrence.taskId,
            planVersion: occurrence.planVersion,
          });
          await manager.insert(TaskEntity, taskToEntity(task));
          await manager.insert(TaskEventEntity, events.map(taskEventToEntity));
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    });
  }

  occurrences(planId: string, from: number): Promise<readonly PlanOccurrence[]> {
    return serially(this.db, async () => {
      const rows = await this.db.manager.find(CarePlanOccurrenceEntity, { where: { planId, at: MoreThanOrEqual(from) }, order: { at: 'ASC' } });
      return rows.map((r) => ({ planId: r.planId, key: r.occurrenceKey, at: r.at, taskId: r.taskId, planVersion: r.planVersion }));
    });
  }
}

export class TypeormCareSeedStore extends CareSeedStore {
  constructor(private readonly db: DataSource) {
    super();
  }

  hasWards(): Promise<boolean> {
    return serially(this.db, async () => (await this.db.manager.count(WardEntity)) > 0);
  }

  /** The ward count is read in the transaction, so two api instances starting on one database seed it once. */
  seedWhenEmpty(records: CareRecords): Promise<boolean> {
    return serially(this.db, () =>
      this.db.transaction(async (manager) => {
        if ((await manager.count(WardEntity)) > 0) return false;
        // (TypeORM refuses an insert of no rows)
        const insert = async <T extends object>(entity: new () => T, rows: T[]): Promise<void> => {
          if (rows.length > 0) await manager.insert(entity, rows as QueryDeepPartialEntity<T>[]);
        };
        await insert(WardEntity, records.wards.map(wardToEntity));
        await insert(ResidentEntity, records.residents.map(residentToEntity));
        await manager.delete(StaffWardEntity, { staffId: In([...records.staffWards.keys()]) });
        await insert(StaffWardEntity, [...records.staffWards].flatMap(([staffId, wardIds]) => wardIds.map((wardId) => Object.assign(new StaffWardEntity(), { staffId, wardId }))));
        await insert(CarePlanEntity, records.plans.map(carePlanToEntity));
        return true;
      }),
    );
  }
}

/** SQLite says SQLITE_CONSTRAINT_PRIMARYKEY / UNIQUE; PostgreSQL says 23505. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e.driverError?.code ?? e.code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || /UNIQUE constraint failed/.test(e.message ?? '');
}
