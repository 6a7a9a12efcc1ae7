import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';
import { ScriptedRobot } from './support/scripted-robot';
import { waitFor } from './support/wait-for';

/**
 * Issue 6, "Broker down" / QoS 0 orders (medium: the real api in process, embedded broker, SQLite, hand-driven
 * vehicles). VDA 5050 confirms an order only by the state echoing its orderId/orderUpdateId: the api sends the same
 * order again until it is echoed, at most ORDER_MAX_SENDS times, then gives the task to another robot. An error that
 * references some other order is not a rejection of ours.
 */
interface TaskBody { id: string; status: string; robotId?: string; attempt: number; history?: { to: string; reason?: string; cause?: { reason?: string } }[] }

const M = 'Echo0';

describe('unconfirmed orders are resent, bounded (medium: in-process api, embedded broker, SQLite, scripted robots)', () => {
  jest.setTimeout(30_000);
  const RESEND_MS = 250;
  const MAX_SENDS = 3;
  let api: ApiInProcess;
  const robots: ScriptedRobot[] = [];

  const task = async (id: string) => (await api.request('GET', `/api/tasks/${id}`)).body as unknown as TaskBody;
  const join = async (serial: string, node: string) => {
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: serial, actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
    const robot = new ScriptedRobot(api.brokerUrl, M, serial);
    robots.push(robot);
    await robot.connected();
    await robot.publishState({ lastNodeId: node });
    await waitFor(`${serial} online`, async () => ((await api.request('GET', `/api/robots/${M}:${serial}`)).body.connection === 'ONLINE' ? true : undefined));
    return robot;
  };

  beforeAll(async () => {
    // The v1 policy sends no parking or charging orders: every order a robot gets here is a task's.
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '3600000', ORDER_RESEND_MS: String(RESEND_MS), ORDER_MAX_SENDS: String(MAX_SENDS) });
  });

  afterAll(async () => {
    for (const robot of robots) await robot.close().catch(() => undefined);
    await api?.close();
  });

  it('sends the same order again until echoed, at most ORDER_MAX_SENDS times, then another robot gets the task', async () => {
    const deaf = await join('D-1', 'F0-dock-1');
    const { body } = await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
    const meal = body as unknown as TaskBody;
    const sentAt: number[] = [];
    deaf.client.on('order', () => sentAt.push(Date.now()));
    await deaf.until(() => deaf.orders.length === 1);
    const hearing = await join('D-2', 'F0-dock-2');

    await hearing.until(() => hearing.orders.length === 1, 10_000);
    // Sent MAX_SENDS times, identical (same id and update id), about RESEND_MS apart — never a new order.
    expect(deaf.orders).toHaveLength(MAX_SENDS);
    expect(new Set(deaf.orders.map((o) => `${o.orderId}/${o.orderUpdateId}`))).toEqual(new Set([`${meal.id}:1/0`]));
    for (let i = 1; i < sentAt.length; i += 1) expect(sentAt[i] - sentAt[i - 1]).toBeGreaterThanOrEqual(RESEND_MS - 50);
    expect(hearing.orders[0].orderId).toBe(`${meal.id}:2`);
    expect(JSON.stringify((await task(meal.id)).history)).toMatch(/did not confirm/);

    // D-2 confirms by echoing: no more sends to it; an error about somebody else's order changes nothing.
    await hearing.publishState(hearing.executing(hearing.orders[0], 'RUNNING', 1));
    await waitFor('in progress', async () => ((await task(meal.id)).status === 'in-progress' ? true : undefined));
    await hearing.publishState({
      ...hearing.executing(hearing.orders[0], 'RUNNING', 1),
      errors: [{ errorType: 'orderError', errorLevel: 'WARNING', errorDescription: 'not yours', errorReferences: [{ referenceKey: 'orderId', referenceValue: 'other-task:1' }] }],
    });
    await new Promise((r) => setTimeout(r, RESEND_MS * (MAX_SENDS + 2)));
    expect(hearing.orders).toHaveLength(1);
    expect(deaf.orders).toHaveLength(MAX_SENDS);
    expect(await task(meal.id)).toMatchObject({ status: 'in-progress', robotId: `${M}:D-2`, attempt: 2 });
  });
});
