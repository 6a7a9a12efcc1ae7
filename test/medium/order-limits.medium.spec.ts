import { MissionStore } from '@opiekun/application';
import type { InstantActions } from '@opiekun/vda5050';
import { MqttRobotLink } from '../../apps/api/src/fleet/mqtt-robot-link.adapter';
import { sample20 } from '../../libs/vda5050/src/validation/sample-messages.fixture';
import { ApiInProcess } from './support/api-in-process';
import { ScriptedRobot } from './support/scripted-robot';
import { waitFor } from './support/wait-for';

/**
 * A vendor's vehicle declares in its factsheet how much one order may hold (VDA 5050 protocolLimits: maxArrayLens
 * order.nodes, maxStringLens idLen…) and refuses more. Through the real api (HTTP, the factsheet over the embedded
 * broker, SQLite): an order over its limits is never sent to it — the task waits for, or goes to, a robot that can
 * take it — staff are told once why, and the limits are kept with the robot.
 */
const M = 'Limo';

describe('orders within the limits a vehicle declares (medium: in-process api, embedded broker, SQLite, scripted vehicles)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;
  let auth: Record<string, string>;
  const robots: ScriptedRobot[] = [];

  beforeAll(async () => {
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '3600000' });
    const { status, body } = await api.request('POST', '/api/auth/sign-in', { username: 'pielegniarka', password: 'opiekun-nurse' });
    expect(status).toBe(200);
    auth = { authorization: `Bearer ${String(body.token)}` };
  });

  afterAll(async () => {
    for (const robot of robots.splice(0)) await robot.close().catch(() => undefined);
    await api?.close();
  });

  /** A factsheet that takes pick and drop on nodes, with these protocolLimits. */
  const factsheetWith = (protocolLimits: object) => {
    const { headerId: _h, timestamp: _t, version: _v, manufacturer: _m, serialNumber: _s, ...factsheet } = sample20.factsheet();
    const agvActions = ['pick', 'drop'].map((actionType) => ({ actionType, actionScopes: ['NODE' as const], blockingTypes: ['HARD' as const] }));
    return { ...factsheet, protocolLimits: { ...factsheet.protocolLimits, ...protocolLimits }, protocolFeatures: { ...factsheet.protocolFeatures, agvActions } };
  };

  /** A vehicle that joins on its own, publishes its factsheet with these limits and stands at a dock. */
  const join = async (serial: string, node: string, protocolLimits: object) => {
    const robot = new ScriptedRobot(api.brokerUrl, M, serial);
    robots.push(robot);
    await robot.connected();
    await robot.client.publishFactsheet(factsheetWith(protocolLimits));
    await robot.publishState({ lastNodeId: node });
    return waitFor(`${serial} online with its factsheet`, async () => {
      const { body } = await api.request('GET', `/api/robots/${M}:${serial}`);
      return body.connection === 'ONLINE' && (body.actions as string[]).includes('pick') ? { robot, shown: body } : undefined;
    });
  };

  it('sends a vehicle no order over its limits: the task waits for one that can take it; staff are told once, naming the limit', async () => {
    // one node an order: no order updates can follow it (a longer route goes out in updates: staged-orders.medium)
    const { robot: short, shown } = await join('L-1', 'F0-dock-1', { maxArrayLens: { 'order.nodes': 1 }, maxStringLens: { idLen: 64 } });
    expect(shown).toMatchObject({ orderLimits: { nodes: 1, idLength: 64 } });

    const { status, body: meal } = await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
    expect(status).toBe(201);
    const alert = await waitFor('the alert naming the limit', async () => {
      const { body } = await api.request('GET', '/api/alerts', undefined, auth);
      return (body as unknown as Array<{ kind: string; robotId?: string; message: string }>).find((a) => a.robotId === `${M}:L-1` && a.kind === 'robot-order-limit');
    });
    expect(alert.message).toMatch(/^Robot L-1 cannot be sent task .+: the order has \d+ nodes, the robot takes at most 1 \(its factsheet, protocolLimits maxArrayLens\.order\.nodes\)/);
    expect((await api.request('GET', `/api/tasks/${String(meal.id)}`)).body).toMatchObject({ status: 'ready', attempt: 0 });

    // a vehicle without such limits joins: the meal goes to it; the short one was sent nothing at any time
    const { robot: roomy } = await join('L-2', 'F0-dock-2', {});
    await roomy.until(() => roomy.orders.length === 1);
    expect(roomy.orders[0].orderId).toBe(`${String(meal.id)}:1`);
    expect(short.orders).toEqual([]);
    // what msgLen is checked against: the link's size of the order message, at least what went out (its headerId may
    // have more digits) and not much more
    const sent = Buffer.byteLength(JSON.stringify(roomy.orders[0]));
    const mission = await api.app.get(MissionStore).forTask(String(meal.id));
    const told = api.app.get(MqttRobotLink).orderBytes(mission!);
    expect(told).toBeGreaterThanOrEqual(sent);
    expect(told - sent).toBeLessThanOrEqual(String(0xffff_ffff).length - 1);
    const alerts = (await api.request('GET', '/api/alerts', undefined, auth)).body as unknown as Array<{ robotId?: string; kind: string }>;
    expect(alerts.filter((a) => a.robotId === `${M}:L-1` && a.kind === 'robot-order-limit')).toHaveLength(1);
  });
  it('writes a vehicle that limits ids our own ids short (idLen 12), and reads back what it reports: the task completes', async () => {
    const { robot } = await join('L-3', 'F0-dock-3', { maxStringLens: { idLen: 12 } });
    const { body: visit } = await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-dayroom' });
    await robot.until(() => robot.orders.length === 1);
    const order = robot.orders[0];
    const ids = [order.orderId, ...order.nodes.flatMap((n) => [n.nodeId, n.nodePosition?.mapId ?? '', ...n.actions.map((a) => a.actionId)]), ...order.edges.flatMap((e) => [e.edgeId, e.startNodeId, e.endNodeId])];
    expect(ids.filter((id) => id.length > 12)).toEqual([]);
    expect(order.orderId).not.toBe(`${String(visit.id)}:1`);
    // its limits lifted meanwhile: what it was given keeps the form it was given in — a releaseTrigger names its pick
    // as the robot knows it
    await robot.client.publishFactsheet(factsheetWith({}));
    await waitFor('the limits lifted', async () => ((await api.request('GET', `/api/robots/${M}:L-3`)).body.orderLimits === undefined ? true : undefined));
    const mission = await api.app.get(MissionStore).forTask(String(visit.id));
    const pick = mission!.nodes.flatMap((n) => n.actions).find((a) => a.type === 'pick')!;
    const trigger = new Promise<InstantActions>((resolve) => robot.client.once('instantActions', ({ message }) => resolve(message as InstantActions)));
    await api.app.get(MqttRobotLink).sendInstant(`${M}:L-3`, { kind: 'releaseTrigger', actionId: pick.id });
    const written = order.nodes.flatMap((n) => n.actions).find((a) => a.actionType === 'pick')!.actionId;
    expect((await trigger).actions[0]!.actionParameters).toEqual([{ key: 'actionId', value: written }]);
    await robot.publishState(robot.executing(order, 'RUNNING', 1));
    await waitFor('the task under way', async () => ((await api.request('GET', `/api/tasks/${String(visit.id)}`)).body.status === 'in-progress' ? true : undefined));
    await robot.publishState({ ...robot.executing(order, 'FINISHED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId, driving: false });
    await waitFor('the task completed', async () => ((await api.request('GET', `/api/tasks/${String(visit.id)}`)).body.status === 'completed' ? true : undefined));
  });
});
