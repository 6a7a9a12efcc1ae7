import type { StaffUser, StaffUserStore } from '@opiekun/application';
import type { DataSource } from 'typeorm';
import { StaffUserEntity } from '../entities/staff-user.entity';
import { staffUserFromEntity, staffUserToEntity } from '../mappers/staff-user.mapper';
import { serially } from './one-connection-queue';

export class TypeormStaffUserStore implements StaffUserStore {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<StaffUser | undefined> {
    return serially(this.dataSource, async () => {
      const entity = await this.dataSource.manager.findOneBy(StaffUserEntity, { username });
      return entity === null ? undefined : staffUserFromEntity(entity);
    });
  }

  count(): Promise<number> {
    return serially(this.dataSource, () => this.dataSource.manager.count(StaffUserEntity));
  }

  insert(user: StaffUser): Promise<void> {
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.insert(StaffUserEntity, staffUserToEntity(user));
    });
  }
}
