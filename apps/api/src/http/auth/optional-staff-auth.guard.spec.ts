import type { ExecutionContext } from '@nestjs/common';
import type { StaffAuthService } from '@opiekun/application';
import { loadConfig } from '../../config/app-config';
import { OptionalStaffAuthGuard } from './staff-auth.guard';

/** A request as express hands it over: the peer's address and the headers. */
function call(guard: OptionalStaffAuthGuard, remoteAddress: string, headers: Record<string, string> = {}): Promise<boolean> {
  const request = { headers, socket: { remoteAddress } };
  return guard.canActivate({ switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext);
}

const auth = { authenticate: (token: string | undefined) => (token === 'good' ? Promise.resolve({ id: 'u1' }) : Promise.reject(new Error('sign in first'))) } as unknown as StaffAuthService;

describe('OptionalStaffAuthGuard (ANONYMOUS_ACCESS)', () => {
  it('by default serves callers without a token only from this machine, not through a proxy', async () => {
    const guard = new OptionalStaffAuthGuard(auth, loadConfig({}));
    for (const local of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) await expect(call(guard, local)).resolves.toBe(true);
    for (const remote of ['10.0.0.7', '::ffff:192.168.1.20', 'fe80::1']) {
      await expect(call(guard, remote)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('ANONYMOUS_ACCESS=loopback') });
    }
    await expect(call(guard, '127.0.0.1', { 'x-forwarded-for': '10.0.0.7' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(call(guard, '127.0.0.1', { forwarded: 'for=10.0.0.7' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // a signed-in member from anywhere
    await expect(call(guard, '10.0.0.7', { authorization: 'Bearer good' })).resolves.toBe(true);
    await expect(call(guard, '127.0.0.1', { authorization: 'Bearer bad' })).rejects.toThrow('sign in first');
  });

  it('serves nobody without a token with none, and everybody with any', async () => {
    const none = new OptionalStaffAuthGuard(auth, loadConfig({ ANONYMOUS_ACCESS: 'none' }));
    await expect(call(none, '127.0.0.1')).rejects.toMatchObject({ message: expect.stringContaining('ANONYMOUS_ACCESS=none') });
    await expect(call(none, '127.0.0.1', { authorization: 'Bearer good' })).resolves.toBe(true);
    const any = new OptionalStaffAuthGuard(auth, loadConfig({ ANONYMOUS_ACCESS: 'any' }));
    await expect(call(any, '10.0.0.7', { 'x-forwarded-for': '1.2.3.4' })).resolves.toBe(true);
  });

  it('refuses an unknown setting, naming it', () => {
    expect(() => loadConfig({ ANONYMOUS_ACCESS: 'maybe' })).toThrow(/ANONYMOUS_ACCESS must be one of loopback, none, any/);
  });
});
