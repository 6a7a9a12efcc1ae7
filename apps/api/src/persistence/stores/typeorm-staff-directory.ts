import { STAFF_ROLES, StaffDirectory, type StaffMember } from '@opiekun/application';
import type { DataSource } from 'typeorm';
import { StaffWardEntity } from '../entities/care.entities';
import { StaffUserEntity } from '../entities/staff-user.entity';
import { storedOneOf } from '../mappers/stored-value';
import { serially } from './one-connection-queue';

/** Staff accounts (read only: sign-in owns them) with the wards each works on. */
export class TypeormStaffDirectory extends StaffDirectory {
  constructor(private readonly db: DataSource) {
    super();
  }

  list(): Promise<readonly StaffMember[]> {
    return serially(this.db, async () => {
      const users = await this.db.manager.find(StaffUserEntity, { order: { displayName: 'ASC' } });
      const links = await this.db.manager.find(StaffWardEntity, { order: { wardId: 'ASC' } });
      return users.map((u) => member(u, links.filter((l) => l.staffId === u.id).map((l) => l.wardId)));
    });
  }

  get(id: string): Promise<StaffMember | undefined> {
    return this.one({ id });
  }

  findByUsername(username: string): Promise<StaffMember | undefined> {
    return this.one({ username: username.toLowerCase() });
  }

  setWards(staffId: string, wardIds: readonly string[]): Promise<void> {
    return serially(this.db, () =>
      this.db.transaction(async (manager) => {
        await manager.delete(StaffWardEntity, { staffId });
        if (wardIds.length > 0) await manager.insert(StaffWardEntity, wardIds.map((wardId) => ({ staffId, wardId })));
      }),
    );
  }

  private one(where: { id: string } | { username: string }): Promise<StaffMember | undefined> {
    return serially(this.db, async () => {
      const user = await this.db.manager.findOneBy(StaffUserEntity, where);
      if (!user) return undefined;
      const links = await this.db.manager.find(StaffWardEntity, { where: { staffId: user.id }, order: { wardId: 'ASC' } });
      return member(user, links.map((l) => l.wardId));
    });
  }
}

function member(user: StaffUserEntity, wardIds: string[]): StaffMember {
  return { id: user.id, username: user.username, displayName: user.displayName, role: storedOneOf(STAFF_ROLES, user.role, 'staff_user.role'), wardIds };
}
