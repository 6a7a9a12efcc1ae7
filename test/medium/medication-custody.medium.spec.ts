import { FleetService, TaskStore } from '@opiekun/application';
import type { Task } from '@opiekun/domain';
import type { Order } from '@opiekun/vda5050';
import { ApiInProcess } from './support/api-in-process';
import { ScriptedRobot } from './support/scripted-robot';

/**
 * Medication custody through the api: real SQLite, the embedded broker, REST signed in as demo staff, and a
 * hand-driven VDA 5050 vehicle that waits where the order tells it to (waitForTrigger) and reports what it does.
 */
describe('medication custody (medium: api in process, scripted vehicle)', () => {
  jest.setTimeout(20_000);
  let api: ApiInProcess;
  let robot: ScriptedRobot;
  let store: TaskStore;
  const tokens: Record<string, string> = {};

  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const waitTask = async (id: string, test: (t: Task) => boolean): Promise<Task> => {
    for (let i = 0; i < 150; i += 1) {
      const task = await store.get(id);
      if (task && test(task)) return task;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`task ${id} did not reach the expected state: ${JSON.stringify(await store.get(id))}`);
  };
  /** The vehicle at `node` of `order`: actions of earlier nodes FINISHED, its wait with `wait`, its work with `work`. */
  const at = (order: Order, node: string, wait: 'RUNNING' | 'FINISHED', work: 'WAITING' | 'RUNNING' | 'FINISHED' = 'WAITING') => {
    const index = order.nodes.findIndex((n) => n.nodeId === node);
    return robot.publishState({
      orderId: order.orderId,
      orderUpdateId: order.orderUpdateId,
      lastNodeId: node,
      nodeStates: order.nodes.slice(index + 1).map((n) => ({ nodeId: n.nodeId, sequenceId: n.sequenceId, released: true })),
      edgeStates: [],
      driving: false,
      actionStates: order.nodes.flatMap((n, i) =>
        n.actions.map((a) => ({
          actionId: a.actionId,
          actionType: a.actionType,
          actionStatus: i < index ? 'FINISHED' : i > index ? 'WAITING' : a.actionType === 'waitForTrigger' ? wait : work,
        })),
      ),
    });
  };

  beforeAll(async () => {
    api = await ApiInProcess.start();
    store = api.app.get(TaskStore);
    for (const [who, password] of [['pielegniarka', 'opiekun-nurse'], ['opiekunka', 'opiekun-carer']]) {
      const signedIn = await api.request('POST', '/api/auth/sign-in', { username: who, password });
      tokens[who] = signedIn.body.token as string;
    }
    robot = new ScriptedRobot(api.brokerUrl, 'MedBots', 'MB-1');
    await robot.connected();
    await api.app.get(FleetService).register({ manufacturer: 'MedBots', serialNumber: 'MB-1', actions: ['pick', 'deliverMedication', 'waitForTrigger'] });
  });

  afterAll(async () => {
    await robot?.close();
    await api?.close();
  });

  it('loads and hands over only with a nurse, each step in the custody log, and completes after the handover', async () => {
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    const created = await api.request('POST', '/api/tasks', { type: 'medication', priority: 'urgent', from: 'F0-pharmacy', to: 'F1-R101', pickAction: 'pick', dropAction: 'deliverMedication' }, as('pielegniarka'));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await robot.until(() => robot.orders.length === 1);
    const order = robot.orders[0];
    const waits = order.nodes.flatMap((n) => n.actions.filter((a) => a.actionType === 'waitForTrigger').map((a) => [n.nodeId, a.actionParameters?.[0]?.value]));
    expect(waits).toEqual([
      ['F0-pharmacy', 'custodyLoad'],
      ['F1-R101', 'custodyHandover'],
    ]);

    await at(order, 'F0-pharmacy', 'RUNNING');
    await waitTask(id, (t) => t.status === 'in-progress');
    expect((await api.request('POST', `/api/tasks/${id}/load`, {}, as('opiekunka'))).status).toBe(403);
    expect((await api.request('POST', `/api/tasks/${id}/handover`, {}, as('pielegniarka'))).status).toBe(409);
    expect((await api.request('POST', `/api/tasks/${id}/load`, {})).status).toBe(401);
    const loaded = await api.request('POST', `/api/tasks/${id}/load`, {}, as('pielegniarka'));
    expect(loaded.status).toBe(200);
    await robot.until(() => robot.instantActions.includes('releaseTrigger'));

    await at(order, 'F1-R101', 'RUNNING');
    await waitTask(id, (t) => t.status === 'on-hold');
    expect((await api.request('POST', `/api/tasks/${id}/handover`, {}, as('opiekunka'))).status).toBe(403);
    expect((await api.request('POST', `/api/tasks/${id}/handover`, {}, as('pielegniarka'))).status).toBe(200);
    await waitTask(id, (t) => t.status === 'in-progress');
    await at(order, 'F1-R101', 'FINISHED', 'FINISHED');
    await waitTask(id, (t) => t.status === 'completed');

    const log = await api.request('GET', `/api/tasks/${id}/custody`, undefined, as('opiekunka'));
    expect(log.status).toBe(200);
    const steps = (log.body as unknown as { step: string; nodeId: string; via: string; staffId?: string }[]).map((e) => [e.step, e.nodeId, e.via, Boolean(e.staffId)]);
    expect(steps).toEqual([
      ['loaded', 'F0-pharmacy', 'dashboard', true],
      ['arrived', 'F1-R101', 'robot', false],
      ['received', 'F1-R101', 'dashboard', true],
    ]);
  });
});
