import type { StaffRole } from '@opiekun/application';
import { DEMO_STAFF } from '../../../apps/api/src/live/demo-staff';
import type { ApiInProcess } from './api-in-process';

/**
 * The Authorization header of the demo account of a role (every fresh database has them), for the routes that need a
 * signed-in member: registering a robot, for one.
 */
export async function signedIn(api: ApiInProcess, role: StaffRole = 'nurse'): Promise<Record<string, string>> {
  const account = DEMO_STAFF.find((user) => user.role === role)!;
  const { status, body } = await api.request('POST', '/api/auth/sign-in', { username: account.username, password: account.password });
  if (status !== 200) throw new Error(`sign-in as ${account.username}: ${status} ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${String(body.token)}` };
}
