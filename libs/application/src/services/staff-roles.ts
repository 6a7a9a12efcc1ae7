import { DomainError, DomainErrorCode } from '@opiekun/domain';

export const STAFF_ROLES = ['carer', 'nurse', 'manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is acting: what a sign-in token carries. */
export interface StaffIdentity {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
}

export interface StaffUser extends StaffIdentity {
  /** PasswordHasher output; never leaves the application. */
  readonly passwordHash: string;
  /** Epoch ms. */
  readonly createdAt: number;
}

export const STAFF_PERMISSIONS = [
  'task.create',
  'task.cancel',
  'alert.acknowledge',
  'robot.pause',
  'robot.resume',
  'robot.charge',
  'robot.service',
  'robot.register',
  'fleet.stop',
  'fleet.resume',
  'task.claim',
  'care.manage',
  'staff.manage',
] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

/**
 * Anyone signed in may stop a robot or the whole fleet (safety first); putting robots back to work, and adding one to
 * the fleet, is for nurses, and restarting the whole fleet after a stop is for a manager only.
 */
const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly StaffPermission[]>> = {
  carer: ['task.create', 'task.cancel', 'alert.acknowledge', 'robot.pause', 'fleet.stop', 'task.claim'],
  nurse: ['task.create', 'task.cancel', 'alert.acknowledge', 'robot.pause', 'robot.resume', 'robot.charge', 'robot.service', 'robot.register', 'fleet.stop', 'task.claim', 'care.manage'],
  manager: [...STAFF_PERMISSIONS],
};

/** What a permission lets someone do, for error messages. */
const PERMISSION_PHRASES: Readonly<Record<StaffPermission, string>> = {
  'task.create': 'request tasks',
  'task.cancel': 'cancel tasks',
  'alert.acknowledge': 'acknowledge alerts',
  'robot.pause': 'pause robots',
  'robot.resume': 'resume robots',
  'robot.charge': 'send robots to charge',
  'robot.service': 'take robots out of or back into service',
  'robot.register': 'register robots',
  'fleet.stop': 'stop the fleet',
  'fleet.resume': 'resume the fleet (managers only)',
  'task.claim': 'take tasks from the staff queue',
  'care.manage': 'change wards, residents or care plans',
  'staff.manage': 'assign staff to wards (managers only)',
};

export function permissionsOf(role: StaffRole): readonly StaffPermission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(actor: Pick<StaffIdentity, 'role'>, permission: StaffPermission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export function requirePermission(actor: StaffIdentity, permission: StaffPermission): void {
  if (!can(actor, permission)) {
    throw new DomainError(DomainErrorCode.Forbidden, `a ${actor.role} may not ${PERMISSION_PHRASES[permission]}`, permission);
  }
}
