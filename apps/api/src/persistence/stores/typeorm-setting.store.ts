import type { SettingStore } from '@opiekun/application';
import type { DataSource } from 'typeorm';
import { AppSettingEntity } from '../entities/app-setting.entity';
import { serially } from './one-connection-queue';

export class TypeormSettingStore implements SettingStore {
  constructor(private readonly dataSource: DataSource) {}

  get(key: string): Promise<string | undefined> {
    return serially(this.dataSource, async () => (await this.dataSource.manager.findOneBy(AppSettingEntity, { key }))?.value);
  }

  put(key: string, value: string | undefined): Promise<void> {
    return serially(this.dataSource, async () => {
      if (value === undefined) await this.dataSource.manager.delete(AppSettingEntity, { key });
      else await this.dataSource.manager.upsert(AppSettingEntity, { key, value }, { conflictPaths: ['key'] });
    });
  }
}
