import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffIdentity } from '@opiekun/application';
import type { Cause } from '@opiekun/domain';
import type { StaffRequest } from './staff-auth.guard';

/** The staff member StaffAuthGuard signed in. */
export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): StaffIdentity => {
  const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new Error('CurrentStaff used on a route without StaffAuthGuard');
  return staff;
});

/** Who asked, as a task event's cause: the signed-in person, or the api itself for an anonymous integration call. */
export const RequestCause = createParamDecorator((_data: unknown, context: ExecutionContext): Cause => {
  const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
  return staff ? { kind: 'staff', id: staff.username } : { kind: 'system', id: 'api' };
});
