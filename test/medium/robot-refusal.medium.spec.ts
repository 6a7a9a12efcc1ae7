import type { Order } from '@opiekun/vda5050';
import { DataSource } from 'typeorm';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';
import { ScriptedRobot } from './support/scripted-robot';
import { waitFor } from './support/wait-for';

/**
 * Issue 6, "Robot says no" (medium: the real api in process, embedded broker, SQLite file, hand-driven VDA 5050
 * vehicles). A failed action, a FATAL error and a rejected order each move the task on — to another robot, never back
 * to one that said no, and after TASK_MAX_ATTEMPTS to staff — carrying the robot's own words; nothing loops.
 */
interface TaskBody { id: string; status: string; robotId?: string; attempt: number; performer?: string; escalationReason?: string; statusReason?: string }
interface EventBody { from?: string; to: string; robotId?: string; cause?: { kind: string; id?: string; reason?: string }; reason?: string }

const M = 'Nay';

describe('robot says no (medium: in-process api, embedded broker, SQLite, scripted robots)', () => {
  jest.setTimeout(60_000);
  let api: ApiInProcess;
  let db: DataSource;
  const robots: ScriptedRobot[] = [];

  const task = async (id: string) => (await api.request('GET', `/api/tasks/${id}`)).body as unknown as TaskBody & { history: EventBody[] };
  const join = async (serial: string, node: string, actions = ['pick', 'drop']) => {
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: serial, actions }, await signedIn(api))).status).toBe(201);
    const robot = new ScriptedRobot(api.brokerUrl, M, serial);
    robots.push(robot);
    await robot.connected();
    await robot.publishState({ lastNodeId: node });
    await waitFor(`${serial} online`, async () => ((await api.request('GET', `/api/robots/${M}:${serial}`)).body.connection === 'ONLINE' ? true : undefined));
    return robot;
  };
  const create = async (body: object) => {
    const { status, body: created } = await api.request('POST', '/api/tasks', body);
    expect(status).toBe(201);
    return created as unknown as TaskBody;
  };
  /** The robot stopped after a cancelOrder: nothing left to drive, its actions as they ended. */
  const stopped = (robot: ScriptedRobot, order: Order) => robot.publishState({ ...robot.executing(order, 'FAILED', order.nodes.length), lastNodeId: order.nodes[0].nodeId, driving: false });
  const allOrders = () => robots.flatMap((r) => r.orders.map((o) => ({ serial: r.serialNumber, orderId: o.orderId })));

  beforeEach(async () => {
    // The v1 policy sends no parking or opportunistic charging orders: every order a robot gets here is a task's.
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '3600000', TASK_MAX_ATTEMPTS: '3', ORDER_RESEND_MS: '60000' });
    db = api.app.get(DataSource);
  });

  afterEach(async () => {
    for (const robot of robots.splice(0)) await robot.close().catch(() => undefined);
    await api?.close();
  });

  it('failed action → another robot; FATAL error → a third; rejected order after the last attempt → staff; each with the robot\'s reason, never back', async () => {
    const first = await join('N-1', 'F0-dock-1');
    const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
    await first.until(() => first.orders.length === 1);
    const second = await join('N-2', 'F0-dock-2');
    const third = await join('N-3', 'F0-dock-3');

    // 1. An action fails on N-1: its order is cancelled and the task goes on to another robot.
    const o1 = first.orders[0];
    const failing = first.executing(o1, 'RUNNING', 1);
    await first.publishState({ ...failing, actionStates: (failing.actionStates ?? []).map((a) => (a.actionType === 'pick' ? { ...a, actionStatus: 'FAILED' as const, resultDescription: 'gripper jammed' } : a)) });
    await first.until(() => first.instantActions.includes('cancelOrder'));
    await stopped(first, o1);
    const [afterFirst] = await waitFor('the meal on a second robot', async () => {
      const got = [second, third].filter((r) => r.orders.length > 0);
      return got.length > 0 ? got : undefined;
    });
    const o2 = afterFirst.orders[0];
    expect(o2.orderId).toBe(`${meal.id}:2`);
    expect((await task(meal.id)).history.some((e) => e.to === 'ready' && /pick failed \(gripper jammed\)/.test(e.cause?.reason ?? e.reason ?? ''))).toBe(true);

    // 2. That robot reports a FATAL error: the same again, to the one robot left.
    await afterFirst.publishState(afterFirst.executing(o2, 'RUNNING', 1));
    await waitFor('attempt 2 under way', async () => ((await task(meal.id)).status === 'in-progress' ? true : undefined));
    await afterFirst.publishState({ ...afterFirst.executing(o2, 'RUNNING', 1), errors: [{ errorType: 'driveFault', errorLevel: 'FATAL', errorDescription: 'motor overheated', errorReferences: [] }] });
    await afterFirst.until(() => afterFirst.instantActions.includes('cancelOrder'));
    await afterFirst.publishState({ ...afterFirst.executing(o2, 'FAILED', o2.nodes.length), lastNodeId: o2.nodes[0].nodeId, driving: false, errors: [{ errorType: 'driveFault', errorLevel: 'FATAL', errorDescription: 'motor overheated', errorReferences: [] }] });
    const last = [second, third].find((r) => r !== afterFirst) as ScriptedRobot;
    await last.until(() => last.orders.length === 1, 10_000);
    const o3 = last.orders[0];
    expect(o3.orderId).toBe(`${meal.id}:3`);
    expect((await task(meal.id)).history.some((e) => e.to === 'ready' && /driveFault: motor overheated/.test(e.cause?.reason ?? e.reason ?? ''))).toBe(true);

    // 3. The last robot rejects the order by its references: the attempts are used up, so the task goes to staff.
    await last.publishState({
      lastNodeId: o3.nodes[0].nodeId,
      errors: [{ errorType: 'orderError', errorLevel: 'WARNING', errorDescription: 'tray is broken', errorReferences: [{ referenceKey: 'orderId', referenceValue: o3.orderId }] }],
    });
    const held = await waitFor('the meal with staff', async () => {
      const t = await task(meal.id);
      return t.performer === 'staff' || t.status === 'failed' ? t : undefined;
    });
    expect(held.statusReason ?? '').toMatch(/tray is broken/);
    const alerts = (await db.query(`SELECT kind, message FROM alert WHERE task_id = ?`, [meal.id])) as { kind: string; message: string }[];
    expect(alerts.some((a) => /tray is broken/.test(a.message))).toBe(true);

    // Bounded: three robots, one order each, and nothing more however long we wait (the dispatcher runs every 5 s).
    await new Promise((r) => setTimeout(r, 6_000));
    expect(allOrders().map((o) => o.orderId).sort()).toEqual([`${meal.id}:1`, `${meal.id}:2`, `${meal.id}:3`]);
    expect(new Set(allOrders().map((o) => o.serial)).size).toBe(3);
    const accepted = (await task(meal.id)).history.filter((e) => e.to === 'accepted').map((e) => e.robotId);
    expect(accepted).toEqual([`${M}:N-1`, `${M}:${afterFirst.serialNumber}`, `${M}:${last.serialNumber}`]);
  });

  it('the only robot able to do a task rejects it: straight to staff with its reason, not round in a loop', async () => {
    const only = await join('U-1', 'F0-dock-1', ['pick', 'drop', 'measureVitals']);
    await join('U-2', 'F0-dock-2');
    const visit = await create({ type: 'vitals', priority: 'urgent', atNode: 'F1-R104', action: 'measureVitals' });
    await only.until(() => only.orders.length === 1);
    const order = only.orders[0];
    await only.publishState({
      lastNodeId: 'F0-dock-1',
      errors: [{ errorType: 'validationError', errorLevel: 'WARNING', errorDescription: 'cuff missing', errorReferences: [{ referenceKey: 'orderId', referenceValue: order.orderId }] }],
    });
    const held = await waitFor('the visit with staff', async () => {
      const t = await task(visit.id);
      return t.performer === 'staff' || t.status === 'failed' ? t : undefined;
    });
    expect(held.statusReason ?? '').toMatch(/cuff missing/);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(allOrders()).toEqual([{ serial: 'U-1', orderId: `${visit.id}:1` }]);
  });
});
