import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

/**
 * The task endpoints and the robot reads take requests without a staff token (integrations, scripts) only as
 * ANONYMOUS_ACCESS says — by default from programs on the api's own machine. Real HTTP against the in-process api: a
 * request a proxy forwarded (X-Forwarded-For) counts as from elsewhere; a signed-in member is served from anywhere.
 * Registering a robot is a command to the fleet, as pausing one is: a member with robot.register, from anywhere.
 */
describe('anonymous access to tasks and robots (medium: in-process api over HTTP)', () => {
  jest.setTimeout(30_000);
  const TASK = { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' };
  const FORWARDED = { 'x-forwarded-for': '10.0.0.7' };
  let api: ApiInProcess | undefined;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  /** A robot able to carry the meal (the api refuses a task no robot of the fleet can do). */
  const withCarrier = async (server: ApiInProcess) => {
    expect((await server.request('POST', '/api/robots', { manufacturer: 'Calm', serialNumber: 'C-1', actions: ['pick', 'drop'] }, await signedIn(server))).status).toBe(201);
  };

  const signIn = async (server: ApiInProcess) => {
    const { body } = await server.request('POST', '/api/auth/sign-in', { username: 'pielegniarka', password: 'opiekun-nurse' });
    return { authorization: `Bearer ${String(body.token)}` };
  };

  it('default (loopback): a local script is served; a forwarded request without a token gets 401 naming the rule', async () => {
    api = await ApiInProcess.start();
    await withCarrier(api);
    expect((await api.request('POST', '/api/tasks', TASK)).status).toBe(201);
    expect((await api.request('GET', '/api/robots')).status).toBe(200);

    for (const [method, path, body] of [['POST', '/api/tasks', TASK], ['GET', '/api/tasks', undefined], ['GET', '/api/robots', undefined]] as const) {
      const refused = await api.request(method, path, body, FORWARDED);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('ANONYMOUS_ACCESS=loopback') });
    }
    const nurse = await signIn(api);
    expect((await api.request('GET', '/api/tasks', undefined, { ...FORWARDED, ...nurse })).status).toBe(200);
  });

  it('registering a robot: a nurse or a manager, never anonymously whatever ANONYMOUS_ACCESS says (here any); a carer gets 403 naming robot.register', async () => {
    api = await ApiInProcess.start({ ANONYMOUS_ACCESS: 'any' });
    const robot = (serialNumber: string) => ({ manufacturer: 'Calm', serialNumber, actions: ['pick', 'drop'] });
    const anonymous = await api.request('POST', '/api/robots', robot('C-0'));
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', target: 'authorization' } });
    const carer = await api.request('POST', '/api/robots', robot('C-0'), await signedIn(api, 'carer'));
    expect(carer).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', message: 'a carer may not register robots', target: 'robot.register' } });
    expect((await api.request('GET', '/api/robots')).body).toEqual([]);
    expect((await api.request('POST', '/api/robots', robot('C-1'), await signedIn(api, 'nurse'))).status).toBe(201);
    expect((await api.request('POST', '/api/robots', robot('C-2'), await signedIn(api, 'manager'))).status).toBe(201);
  });

  it('none: every request to them needs a staff token', async () => {
    api = await ApiInProcess.start({ ANONYMOUS_ACCESS: 'none' });
    expect((await api.request('POST', '/api/robots', { manufacturer: 'Calm', serialNumber: 'C-1', actions: ['pick', 'drop'] })).status).toBe(401);
    const nurse = await signIn(api);
    expect((await api.request('POST', '/api/robots', { manufacturer: 'Calm', serialNumber: 'C-1', actions: ['pick', 'drop'] }, nurse)).status).toBe(201);
    expect((await api.request('POST', '/api/tasks', TASK)).status).toBe(401);
    expect((await api.request('POST', '/api/tasks', TASK, nurse)).status).toBe(201);
  });
});
