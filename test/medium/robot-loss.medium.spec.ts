import type { Headerless, Order, State } from '@opiekun/vda5050';
import { DataSource } from 'typeorm';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';
import { ScriptedRobot } from './support/scripted-robot';
import { waitFor } from './support/wait-for';

/**
 * Issue 6, "Robot lost" (medium: the real api in process, its embedded broker, a SQLite file, hand-driven VDA 5050
 * vehicles). A robot whose MQTT connection breaks (the broker publishes its last will CONNECTIONBROKEN) or that sends
 * no state for ROBOT_SILENCE_MS is offline; after ROBOT_LOST_GRACE_MS its task goes to another robot, or — a lab sample
 * it carries — to staff with an alert saying where the robot was. A robot that comes back with its stale order is told
 * to cancel it and gets no new work before it reports that it stopped.
 */
interface TaskBody { id: string; status: string; robotId?: string; attempt: number; performer?: string; escalationReason?: string; statusReason?: string; history?: { from?: string; to: string; reason?: string; cause?: { reason?: string } }[] }
interface RobotBody { id: string; connection: string; state: string; currentTaskId?: string; lastSeenAt?: string }

const M = 'Lost';

/** A scripted robot that keeps reporting its current state every `everyMs` (as a real one does) until told to stop. */
class LiveRobot {
  readonly robot: ScriptedRobot;
  private current: Partial<Headerless<State>>;
  private timer?: NodeJS.Timeout;

  constructor(url: string, serial: string, first: Partial<Headerless<State>>, private readonly everyMs = 200) {
    this.robot = new ScriptedRobot(url, M, serial);
    this.current = first;
  }

  async start(): Promise<this> {
    await this.robot.connected();
    await this.report(this.current);
    this.timer = setInterval(() => void this.robot.publishState(this.current).catch(() => undefined), this.everyMs);
    return this;
  }

  async report(state: Partial<Headerless<State>>): Promise<void> {
    this.current = state;
    await this.robot.publishState(state);
  }

  /** Under way on `order`: first node passed, the pick done or not, not yet at the drop. */
  async underWay(order: Order, picked: boolean): Promise<void> {
    const [pick, drop] = order.nodes.flatMap((n) => n.actions).filter((a) => a.actionType === 'pick' || a.actionType === 'drop');
    const base = this.robot.executing(order, 'WAITING', 1);
    await this.report({
      ...base,
      driving: true,
      actionStates: (base.actionStates ?? []).map((a) => (a.actionId === pick?.actionId && picked ? { ...a, actionStatus: 'FINISHED' as const } : a.actionId === drop?.actionId ? { ...a, actionStatus: 'WAITING' as const } : a)),
    });
  }

  silent(): void {
    clearInterval(this.timer);
  }

  /** The socket drops without an MQTT DISCONNECT: the broker publishes the last will. */
  cutCable(): void {
    this.silent();
    (this.robot.client as unknown as { client: { stream: { destroy(): void } } }).client.stream.destroy();
  }

  async close(): Promise<void> {
    this.silent();
    await this.robot.close().catch(() => undefined);
  }
}

describe('robot lost (medium: in-process api, embedded broker, SQLite, scripted robots)', () => {
  jest.setTimeout(60_000);
  const GRACE_MS = 2_500; // long enough that a loaded machine still tells "offline" from "lost"
  let api: ApiInProcess;
  let db: DataSource;
  const robots: LiveRobot[] = [];

  const task = async (id: string) => (await api.request('GET', `/api/tasks/${id}`)).body as unknown as TaskBody;
  const robotInfo = async (serial: string) => (await api.request('GET', `/api/robots/${M}:${serial}`)).body as unknown as RobotBody;
  const join = async (serial: string, node: string) => {
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: serial, actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
    const robot = await new LiveRobot(api.brokerUrl, serial, { lastNodeId: node }).start();
    robots.push(robot);
    await waitFor(`${serial} online`, async () => ((await robotInfo(serial)).connection === 'ONLINE' ? true : undefined));
    return robot;
  };
  const create = async (body: object) => {
    const { status, body: created } = await api.request('POST', '/api/tasks', body);
    expect(status).toBe(201);
    return created as unknown as TaskBody;
  };

  beforeEach(async () => {
    // The v1 policy sends no parking or opportunistic charging orders: every order a robot gets here is a task's.
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '1000', ROBOT_LOST_GRACE_MS: String(GRACE_MS), ORDER_RESEND_MS: '60000' });
    db = api.app.get(DataSource);
  });

  afterEach(async () => {
    for (const robot of robots.splice(0)) await robot.close();
    await api?.close();
  });

  it('a broken connection (last will): offline at once, task to another robot after the grace, stale order cancelled on return before new work', async () => {
    const lost = await join('L-1', 'F0-dock-1');
    const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
    await lost.robot.until(() => lost.robot.orders.length === 1);
    const stale = lost.robot.orders[0];
    await lost.underWay(stale, true);
    await waitFor('meal in progress', async () => ((await task(meal.id)).status === 'in-progress' ? true : undefined));
    const spare = await join('L-2', 'F0-dock-2');

    const cutAt = Date.now();
    lost.cutCable();
    await waitFor('L-1 offline by its last will', async () => ((await robotInfo('L-1')).connection === 'CONNECTIONBROKEN' ? true : undefined), 2_000);
    expect(Date.now() - cutAt).toBeLessThan(GRACE_MS);
    expect(await task(meal.id)).toMatchObject({ status: 'in-progress', robotId: `${M}:L-1` });

    // The grace runs from the last message the api heard from the robot (which may precede the cut).
    const lastHeard = Date.parse((await robotInfo('L-1')).lastSeenAt ?? '');
    await spare.robot.until(() => spare.robot.orders.length === 1, 10_000);
    expect(Date.now() - lastHeard).toBeGreaterThanOrEqual(GRACE_MS);
    expect(spare.robot.orders[0].orderId).toBe(`${meal.id}:2`);
    await spare.underWay(spare.robot.orders[0], false);
    const moved = await task(meal.id);
    expect(moved).toMatchObject({ robotId: `${M}:L-2`, attempt: 2 });
    expect(JSON.stringify(moved.history)).toMatch(/L-1 lost contact near/);

    // L-1 comes back (a new MQTT session), still driving its old order; a new task is waiting meanwhile.
    const linen = await create({ type: 'linen', priority: 'routine', from: 'F0-laundry', to: 'F0-storage' });
    const back = new LiveRobot(api.brokerUrl, 'L-1', { ...lost.robot.executing(stale, 'RUNNING', 1), driving: true });
    robots.push(back);
    await back.start();
    await back.robot.until(() => back.robot.instantActions.includes('cancelOrder'));
    await new Promise((r) => setTimeout(r, 500));
    expect(back.robot.orders).toHaveLength(0);
    expect((await task(linen.id)).status).toBe('ready');

    // It stopped: the old order's actions failed, nothing left to drive. Now, and only now, it gets work.
    await back.report({ ...back.robot.executing(stale, 'FAILED', stale.nodes.length), lastNodeId: stale.nodes[1].nodeId, driving: false });
    await back.robot.until(() => back.robot.orders.length === 1, 10_000);
    expect(back.robot.orders[0].orderId).toBe(`${linen.id}:1`);
    // The meal was never sent to L-1 again, and it is L-2's alone.
    expect(back.robot.orders.some((o) => o.orderId.startsWith(meal.id))).toBe(false);
    expect(await task(meal.id)).toMatchObject({ robotId: `${M}:L-2`, attempt: 2 });
  });

  it('silence: no state for ROBOT_SILENCE_MS makes a connected robot offline, with an alert; its task is re-queued after the grace', async () => {
    const quiet = await join('S-1', 'F0-dock-1');
    const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-storage' });
    await quiet.robot.until(() => quiet.robot.orders.length === 1);
    await quiet.underWay(quiet.robot.orders[0], false);
    await waitFor('meal in progress', async () => ((await task(meal.id)).status === 'in-progress' ? true : undefined));
    const spare = await join('S-2', 'F0-dock-3');

    quiet.silent();
    expect(quiet.robot.client.connected).toBe(true);
    await waitFor('S-1 offline by silence', async () => ((await robotInfo('S-1')).connection !== 'ONLINE' ? true : undefined), 5_000);
    // Silence and grace run from the last message the api heard (which may precede the moment the robot fell quiet).
    const lastHeard = Date.parse((await robotInfo('S-1')).lastSeenAt ?? '');
    expect(Date.now() - lastHeard).toBeGreaterThanOrEqual(1_000);
    const offlineAlerts = (await db.query(`SELECT message FROM alert WHERE kind = 'robot-offline' AND robot_id = ?`, [`${M}:S-1`])) as { message: string }[];
    expect(offlineAlerts.length).toBeGreaterThanOrEqual(1);

    await spare.robot.until(() => spare.robot.orders.length === 1, 10_000);
    expect(spare.robot.orders[0].orderId).toBe(`${meal.id}:2`);
    expect(Date.now() - lastHeard).toBeGreaterThanOrEqual(1_000 + GRACE_MS);
  });

  it('a lab sample on board goes to staff with an alert naming where the robot was, not to another robot', async () => {
    const carrier = await join('C-1', 'F0-dock-1');
    const sample = await create({ type: 'lab-sample', priority: 'urgent', from: 'F1-R104', to: 'F0-kitchen' });
    await carrier.robot.until(() => carrier.robot.orders.length === 1);
    const order = carrier.robot.orders[0];
    await carrier.underWay(order, true);
    await waitFor('sample in progress', async () => ((await task(sample.id)).status === 'in-progress' ? true : undefined));
    const where = order.nodes[0].nodeId;
    const spare = await join('C-2', 'F0-dock-2');

    carrier.cutCable();
    const held = await waitFor('sample with staff', async () => {
      const t = await task(sample.id);
      return t.performer === 'staff' ? t : undefined;
    }, 10_000);
    expect(held).toMatchObject({ status: 'ready', escalationReason: 'robot-failed' });
    const alerts = (await db.query(`SELECT message FROM alert WHERE kind = 'task-escalated' AND task_id = ?`, [sample.id])) as { message: string }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toContain(where);
    await new Promise((r) => setTimeout(r, 500));
    expect(spare.robot.orders).toHaveLength(0);
  });

  it('a robot that says OFFLINE (a graceful disconnect) is offline too; after the grace its task goes to another robot', async () => {
    const leaving = await join('O-1', 'F0-dock-1');
    const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-storage' });
    await leaving.robot.until(() => leaving.robot.orders.length === 1);
    await leaving.underWay(leaving.robot.orders[0], false);
    await waitFor('meal in progress', async () => ((await task(meal.id)).status === 'in-progress' ? true : undefined));
    const spare = await join('O-2', 'F0-dock-2');
    await leaving.close();
    await waitFor('O-1 offline', async () => ((await robotInfo('O-1')).connection === 'OFFLINE' ? true : undefined), 2_000);
    await spare.robot.until(() => spare.robot.orders.length === 1, 10_000);
    expect(spare.robot.orders[0].orderId).toBe(`${meal.id}:2`);
  });

  it('a robot back after the grace that finished its task while away is credited; the robot sent after it is called back', async () => {
    const away = await join('A-1', 'F0-dock-1');
    const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-storage' });
    await away.robot.until(() => away.robot.orders.length === 1);
    const stale = away.robot.orders[0];
    await away.underWay(stale, true);
    await waitFor('meal in progress', async () => ((await task(meal.id)).status === 'in-progress' ? true : undefined));
    const spare = await join('A-2', 'F0-dock-2');
    away.cutCable();
    await spare.robot.until(() => spare.robot.orders.length === 1, 10_000);
    const second = spare.robot.orders[0];
    expect(second.orderId).toBe(`${meal.id}:2`);
    // the spare confirms its order, nothing on board yet
    await spare.report({ ...spare.robot.executing(second, 'WAITING', 1), driving: true, loads: [] });
    await waitFor('meal with A-2', async () => ((await task(meal.id)).robotId === `${M}:A-2` && (await task(meal.id)).status === 'in-progress' ? true : undefined));

    // A-1 drove on while cut off and finished; back on a new session, its state shows the old order done
    const back = new LiveRobot(api.brokerUrl, 'A-1', { ...away.robot.executing(stale, 'FINISHED', stale.nodes.length), lastNodeId: stale.nodes.at(-1)!.nodeId, driving: false, loads: [] });
    robots.push(back);
    await back.start();
    const done = await waitFor('meal completed by A-1', async () => {
      const t = await task(meal.id);
      return t.status === 'completed' ? t : undefined;
    }, 5_000);
    expect(done).toMatchObject({ robotId: `${M}:A-1` });
    await spare.robot.until(() => spare.robot.instantActions.includes('cancelOrder'), 5_000);
    const alerts = (await db.query(`SELECT message FROM alert WHERE kind = 'task-done-offline' AND task_id = ?`, [meal.id])) as { message: string }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toContain('while out of contact');
    expect(back.robot.orders).toHaveLength(0);
  });

  it('a robot back within the grace, still on its order, is resumed: no cancel, the task stays with it', async () => {
    const flaky = await join('F-1', 'F0-dock-1');
    const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-storage' });
    await flaky.robot.until(() => flaky.robot.orders.length === 1);
    const order = flaky.robot.orders[0];
    await flaky.underWay(order, true);
    await waitFor('meal in progress', async () => ((await task(meal.id)).status === 'in-progress' ? true : undefined));
    const spare = await join('F-2', 'F0-dock-2');
    flaky.cutCable();
    await waitFor('F-1 offline', async () => ((await robotInfo('F-1')).connection === 'CONNECTIONBROKEN' ? true : undefined), 2_000);
    const back = new LiveRobot(api.brokerUrl, 'F-1', { ...flaky.robot.executing(order, 'RUNNING', 2), driving: true });
    robots.push(back);
    await back.start();
    await waitFor('F-1 online again', async () => ((await robotInfo('F-1')).connection === 'ONLINE' ? true : undefined), 2_000);
    await new Promise((r) => setTimeout(r, GRACE_MS + 500));
    expect(back.robot.instantActions).not.toContain('cancelOrder');
    expect(back.robot.orders).toHaveLength(0);
    expect(spare.robot.orders).toHaveLength(0);
    expect(await task(meal.id)).toMatchObject({ status: 'in-progress', robotId: `${M}:F-1`, attempt: 1 });
    await back.report({ ...back.robot.executing(order, 'FINISHED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId, driving: false });
    await waitFor('meal completed', async () => ((await task(meal.id)).status === 'completed' ? true : undefined));
  });
});
