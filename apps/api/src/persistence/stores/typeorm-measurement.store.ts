import { MeasurementStore, type MeasurementQuery } from '@opiekun/application';
import { DomainError, DomainErrorCode, type Measurement, type MeasurementStatus } from '@opiekun/domain';
import type { DataSource, FindOptionsWhere } from 'typeorm';
import { MeasurementEntity } from '../entities/measurement.entity';
import { serially } from './one-connection-queue';

export class TypeormMeasurementStore extends MeasurementStore {
  constructor(private readonly db: DataSource) {
    super();
  }

  insertIfAbsent(measurement: Measurement): Promise<boolean> {
    return serially(this.db, async () => {
      const same = { taskId: measurement.taskId, actionId: measurement.actionId };
      if (await this.db.manager.existsBy(MeasurementEntity, same)) return false;
      try {
        await this.db.manager.insert(MeasurementEntity, toEntity(measurement));
        return true;
      } catch (error) {
        // Another instance on the same database stored it first (the unique task-and-action index refused ours).
        if (await this.db.manager.existsBy(MeasurementEntity, same)) return false;
        throw error;
      }
    });
  }

  get(id: string): Promise<Measurement | undefined> {
    return serially(this.db, async () => {
      const entity = await this.db.manager.findOneBy(MeasurementEntity, { id });
      return entity ? fromEntity(entity) : undefined;
    });
  }

  saveReview(measurement: Measurement): Promise<void> {
    return serially(this.db, async () => {
      const result = await this.db.manager.update(
        MeasurementEntity,
        { id: measurement.id, status: 'preliminary' },
        { status: measurement.status, reviewedBy: measurement.reviewedBy ?? null, reviewedAt: measurement.reviewedAt ?? null, reviewNote: measurement.reviewNote ?? null },
      );
      if (result.affected !== 1) throw new DomainError(DomainErrorCode.CareConflict, `measurement ${measurement.id} was reviewed meanwhile`, 'status');
    });
  }

  list(query: MeasurementQuery): Promise<readonly Measurement[]> {
    return serially(this.db, async () => {
      const where: FindOptionsWhere<MeasurementEntity> = {};
      if (query.residentId) where.residentId = query.residentId;
      if (query.wardId) where.wardId = query.wardId;
      if (query.taskId) where.taskId = query.taskId;
      if (query.status) where.status = query.status;
      return (await this.db.manager.find(MeasurementEntity, { where, order: { at: 'DESC', id: 'ASC' }, take: query.limit })).map(fromEntity);
    });
  }
}

function toEntity(m: Measurement): MeasurementEntity {
  return Object.assign(new MeasurementEntity(), {
    id: m.id,
    taskId: m.taskId,
    actionId: m.actionId,
    robotId: m.robotId,
    residentId: m.residentId ?? null,
    wardId: m.wardId ?? null,
    actionType: m.actionType,
    text: m.text,
    at: m.at,
    status: m.status,
    reviewedBy: m.reviewedBy ?? null,
    reviewedAt: m.reviewedAt ?? null,
    reviewNote: m.reviewNote ?? null,
  });
}

function fromEntity(row: MeasurementEntity): Measurement {
  return {
    id: row.id,
    taskId: row.taskId,
    actionId: row.actionId,
    robotId: row.robotId,
    ...(row.residentId !== null ? { residentId: row.residentId } : {}),
    ...(row.wardId !== null ? { wardId: row.wardId } : {}),
    actionType: row.actionType,
    text: row.text,
    at: row.at,
    status: row.status as MeasurementStatus,
    ...(row.reviewedBy !== null ? { reviewedBy: row.reviewedBy } : {}),
    ...(row.reviewedAt !== null ? { reviewedAt: row.reviewedAt } : {}),
    ...(row.reviewNote !== null ? { reviewNote: row.reviewNote } : {}),
  };
}
