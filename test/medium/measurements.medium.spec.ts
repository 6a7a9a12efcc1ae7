import { FleetService, TaskService, TaskStore } from '@opiekun/application';
import type { Task } from '@opiekun/domain';
import { ApiInProcess } from './support/api-in-process';
import { ScriptedRobot } from './support/scripted-robot';

/**
 * Not a medical device: a robot's measurement (its measureVitals action's resultDescription) is kept verbatim as
 * preliminary, of the task's resident, until a nurse confirms or rejects it over REST. Api in process, real SQLite,
 * the embedded broker and a hand-driven VDA 5050 vehicle.
 */
describe('robot measurements are preliminary until a nurse confirms (medium: api in process, scripted vehicle)', () => {
  jest.setTimeout(20_000);
  let api: ApiInProcess;
  let robot: ScriptedRobot;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  const waitFor = async <T>(read: () => Promise<T>, test: (value: T) => boolean): Promise<T> => {
    for (let i = 0; i < 150; i += 1) {
      const value = await read();
      if (test(value)) return value;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`condition not met: ${JSON.stringify(await read())}`);
  };

  beforeAll(async () => {
    api = await ApiInProcess.start();
    for (const [who, password] of [['pielegniarka', 'opiekun-nurse'], ['opiekunka', 'opiekun-carer'], ['kierownik', 'opiekun-manager']]) {
      tokens[who] = (await api.request('POST', '/api/auth/sign-in', { username: who, password })).body.token as string;
    }
    robot = new ScriptedRobot(api.brokerUrl, 'VitalBots', 'VB-1');
    await robot.connected();
    await api.app.get(FleetService).register({ manufacturer: 'VitalBots', serialNumber: 'VB-1', actions: ['measureVitals', 'announce'] });
  });

  afterAll(async () => {
    await robot?.close();
    await api?.close();
  });

  it('keeps the report verbatim as preliminary, once, and only a nurse confirms it', async () => {
    expect((await api.request('PUT', '/api/wards/F1', { name: 'Oddział 1', rooms: ['101'], stationNode: 'F1-nurse' }, as('pielegniarka'))).status).toBe(200);
    const resident = await api.request('POST', '/api/residents', { displayName: 'Helena B.', roomId: '101', bed: 1, careLevel: 'assisted' }, as('pielegniarka'));
    const residentId = resident.body.id as string;
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    const task = await api.app.get(TaskService).create({ type: 'vitals', priority: 'urgent', atNode: 'F1-R101', action: 'measureVitals', residentId, wardId: 'F1' }, { kind: 'staff', id: 'pielegniarka' });
    await robot.until(() => robot.orders.length === 1);
    const order = robot.orders[0]!;
    const measure = order.nodes.flatMap((n) => n.actions).find((a) => a.actionType === 'measureVitals')!;

    // Running: nothing yet. Finished with a result, reported three times: one preliminary measurement.
    await robot.publishState(robot.executing(order, 'RUNNING'));
    const finished = {
      ...robot.executing(order, 'FINISHED', order.nodes.length),
      lastNodeId: 'F1-R101',
      actionStates: [{ actionId: measure.actionId, actionType: 'measureVitals', actionStatus: 'FINISHED' as const, resultDescription: 'BP 130/85 mmHg; HR 72/min; SpO2 97%' }],
    };
    for (let i = 0; i < 3; i += 1) await robot.publishState(finished);
    await waitFor(() => api.app.get(TaskStore).get(task.id), (t?: Task) => t?.status === 'completed');
    const list = await waitFor(
      () => api.request('GET', `/api/measurements?task=${task.id}`, undefined, as('opiekunka')),
      (r) => (r.body as unknown as unknown[]).length > 0,
    );
    await new Promise((r) => setTimeout(r, 100));
    const measurements = (await api.request('GET', `/api/measurements?task=${task.id}`, undefined, as('opiekunka'))).body as unknown as Record<string, unknown>[];
    expect(measurements).toHaveLength(1);
    expect(list.status).toBe(200);
    const [m] = measurements;
    expect(m).toMatchObject({ taskId: task.id, robotId: 'VitalBots:VB-1', residentId, wardId: 'F1', actionType: 'measureVitals', text: 'BP 130/85 mmHg; HR 72/min; SpO2 97%', status: 'preliminary' });
    expect(m).not.toHaveProperty('reviewedBy');
    expect(((await api.request('GET', `/api/measurements?resident=${residentId}&status=preliminary`, undefined, as('opiekunka'))).body as unknown as unknown[]).length).toBe(1);

    // Reviewed by a nurse only, once.
    const id = m!.id as string;
    expect((await api.request('POST', `/api/measurements/${id}/review`, { decision: 'maybe' }, as('pielegniarka'))).status).toBe(400);
    expect((await api.request('POST', `/api/measurements/${id}/review`, { decision: 'confirm' }, as('opiekunka'))).status).toBe(403);
    expect((await api.request('POST', `/api/measurements/${id}/review`, { decision: 'confirm' }, as('kierownik'))).status).toBe(403);
    const confirmed = await api.request('POST', `/api/measurements/${id}/review`, { decision: 'confirm' }, as('pielegniarka'));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'final', reviewedBy: expect.any(String), reviewedAt: expect.any(String) });
    expect((await api.request('POST', `/api/measurements/${id}/review`, { decision: 'reject' }, as('pielegniarka'))).status).toBe(409);
    expect((await api.request('GET', `/api/measurements/${id}`, undefined, as('opiekunka'))).body).toStrictEqual(confirmed.body);
    expect((await api.request('GET', '/api/measurements/nope', undefined, as('opiekunka'))).status).toBe(404);
    expect((await api.request('GET', '/api/measurements')).status).toBe(401);
  });
});
