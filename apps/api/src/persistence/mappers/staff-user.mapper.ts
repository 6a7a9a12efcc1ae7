import { STAFF_ROLES, type StaffRole, type StaffUser } from '@opiekun/application';
import { StaffUserEntity } from '../entities/staff-user.entity';

export function staffUserToEntity(user: StaffUser): StaffUserEntity {
  const entity = new StaffUserEntity();
  entity.id = user.id;
  entity.username = user.username;
  entity.displayName = user.displayName;
  entity.role = user.role;
  entity.passwordHash = user.passwordHash;
  entity.createdAt = user.createdAt;
  return entity;
}

export function staffUserFromEntity(entity: StaffUserEntity): StaffUser {
  // An unknown role in the table (edited by hand) gets the least rights rather than failing sign-in for good.
  const role: StaffRole = (STAFF_ROLES as readonly string[]).includes(entity.role) ? (entity.role as StaffRole) : 'carer';
  return { id: entity.id, username: entity.username, displayName: entity.displayName, role, passwordHash: entity.passwordHash, createdAt: entity.createdAt };
}
