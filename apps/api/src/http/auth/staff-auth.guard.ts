import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { StaffAuthService, type StaffIdentity } from '@opiekun/application';
import { DomainError, DomainErrorCode } from '@opiekun/domain';
import type { Request } from 'express';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../tokens';

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
 * staff on the request, if ANONYMOUS_ACCESS lets the caller in (by default only a program on this machine: the
 * request's peer is a loopback address and no proxy forwarded it), 401 naming the rule otherwise; a header that is
 * present must be valid (401 otherwise), and then the person is recorded.
 */
@Injectable()
export class OptionalStaffAuthGuard implements CanActivate {
  constructor(
    private readonly auth: StaffAuthService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'ANONYMOUS_ACCESS'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    if (request.headers.authorization !== undefined) {
      request.staff = await this.auth.authenticate(bearerToken(request.headers.authorization));
      return true;
    }
    const access = this.config.ANONYMOUS_ACCESS;
    if (access === 'any' || (access === 'loopback' && fromThisMachine(request))) return true;
    throw new DomainError(
      DomainErrorCode.Unauthenticated,
      access === 'none'
        ? 'sign in first (Authorization: Bearer <token> from POST /api/auth/sign-in): ANONYMOUS_ACCESS=none'
        : 'sign in first (Authorization: Bearer <token> from POST /api/auth/sign-in): without one, only programs on the api\'s own machine are served (ANONYMOUS_ACCESS=loopback)',
      'authorization',
    );
  }
}

/** The peer is this machine and no proxy in between says the request came from elsewhere. */
function fromThisMachine(request: Request): boolean {
  if (request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined) return false;
  const address = request.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
