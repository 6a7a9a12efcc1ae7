import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { StaffAuthService, type StaffIdentity } from '@opiekun/application';
import type { Request } from 'express';

export interface StaffRequest extends Request {
  staff?: StaffIdentity;
}

/** `Authorization: Bearer <token>` → the signed-in staff member on the request, or 401. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(private readonly auth: StaffAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    request.staff = await this.auth.authenticate(bearerToken(request.headers.authorization));
    return true;
  }
}

/**
 * For routes that machines (care-plan tools, integrations) may call without a person: no Authorization header → no
 * staff on the request; a header that is present must be valid (401 otherwise), and then the person is recorded.
 */
@Injectable()
export class OptionalStaffAuthGuard implements CanActivate {
  constructor(private readonly auth: StaffAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    if (request.headers.authorization !== undefined) {
      request.staff = await this.auth.authenticate(bearerToken(request.headers.authorization));
    }
    return true;
  }
}
