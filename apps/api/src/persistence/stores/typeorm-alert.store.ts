import type { AlertQuery, AlertStore, StoredAlert } from '@opiekun/application';
import { IsNull, MoreThanOrEqual, type DataSource, type FindOptionsWhere } from 'typeorm';
import { AlertEntity } from '../entities/alert.entity';
import { alertFromEntity, alertToEntity } from '../mappers/alert.mapper';
import { serially } from './one-connection-queue';

export class TypeormAlertStore implements AlertStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Check, then insert ignoring a conflict. On SQLite the two run serially, so the answer is exact; with a pooled
   * database two api instances racing on one alert both insert nothing twice, at worst both announce it.
   */
  insertIfNew(alert: StoredAlert): Promise<boolean> {
    return serially(this.dataSource, async () => {
      if (await this.dataSource.manager.existsBy(AlertEntity, { id: alert.id })) return false;
      await this.dataSource.manager.createQueryBuilder().insert().into(AlertEntity).values(alertToEntity(alert)).orIgnore().execute();
      return true;
    });
  }

  get(id: string): Promise<StoredAlert | undefined> {
    return serially(this.dataSource, async () => {
      const entity = await this.dataSource.manager.findOneBy(AlertEntity, { id });
      return entity === null ? undefined : alertFromEntity(entity);
    });
  }

  list(query: AlertQuery): Promise<readonly StoredAlert[]> {
    return serially(this.dataSource, async () => {
      const where: FindOptionsWhere<AlertEntity> = {};
      if (query.openOnly) where.acknowledgedAt = IsNull();
      if (query.since !== undefined) where.at = MoreThanOrEqual(query.since);
      const entities = await this.dataSource.manager.find(AlertEntity, { where, order: { at: 'DESC', id: 'ASC' }, take: query.limit });
      return entities.map(alertFromEntity);
    });
  }

  save(alert: StoredAlert): Promise<void> {
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.upsert(AlertEntity, alertToEntity(alert), { conflictPaths: ['id'] });
    });
  }
}
