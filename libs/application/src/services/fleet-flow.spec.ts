import type { Task } from '@opiekun/domain';
import type { Mission, RobotReport } from '../ports/robot-link.port';
import { fleetWorld } from './fleet-world.fixture';
import { OrderStaging, outboxMissions } from './order-staging';

const world = () => fleetWorld();

type World = ReturnType<typeof world>;
const STAFF = { kind: 'staff', id: 'nurse' } as const;

async function onlineRobot(w: World, serial: string, node: string, extra: Partial<RobotReport> = {}): Promise<string> {
  await w.fleet.register({ manufacturer: 'M', serialNumber: serial, actions: ['pick', 'drop'] });
  await w.fleet.onConnection('M', serial, 'ONLINE');
  await w.fleet.onState('M', serial, { robotId: `M:${serial}`, at: w.clock.now(), lastNodeId: node, battery: 90, driving: false, ...extra });
  return `M:${serial}`;
}

function echo(w: World, robotId: string, status: 'RUNNING' | 'FINISHED' | 'FAILED'): RobotReport {
  const mission = w.link.missions.filter((m) => m.robotId === robotId).at(-1)!;
  const last = mission.nodes.at(-1)!.nodeId;
  return {
    robotId,
    at: w.clock.now(),
    lastNodeId: status === 'RUNNING' ? mission.nodes[0].nodeId : last,
    driving: status === 'RUNNING',
    missionId: mission.id,
    pendingNodes: status === 'RUNNING' ? mission.nodes.map((n) => n.nodeId) : [],
    actions: mission.nodes.flatMap((n) => n.actions.map((a) => ({ id: a.id, type: a.type, status }))),
  };
}

const statusOf = async (w: World, id: string): Promise<Task['status'] | undefined> => (await w.tasks.get(id))?.status;

describe('task flow through dispatch and robot reports (fakes)', () => {
  it('keeps a robot’s last pose through reports without one, and drops it when the robot says it lost its position', async () => {
    const w = world();
    const pose = { x: 4, y: 0, theta: 0, floor: 'F0' };
    const robot = await onlineRobot(w, 'R1', 'A', { pose });
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A' });
    expect(w.registry.get(robot)?.pose).toEqual(pose);
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', pose: null });
    expect(w.registry.get(robot)?.pose).toBeUndefined();
  });

  it('stores the assignment before the order goes out, then follows the robot to completion', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    expect(w.link.missions).toHaveLength(1);
    expect(await statusOf(w, task.id)).toBe('accepted');
    await w.fleet.onState('M', 'R1', echo(w, robot, 'RUNNING'));
    expect(await statusOf(w, task.id)).toBe('in-progress');
    await w.fleet.onState('M', 'R1', echo(w, robot, 'FINISHED'));
    expect(await statusOf(w, task.id)).toBe('completed');
    expect(w.registry.get(robot)?.currentTaskId).toBeUndefined();
    expect((await w.tasks.history(task.id)).map((e) => e.to)).toEqual(['requested', 'ready', 'accepted', 'in-progress', 'completed']);
  });

  it('a robot that reports our order with none of its actions cleared it (manual mode, restart): the task is not completed, its attempt ends', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    await w.fleet.onState('M', 'R1', echo(w, robot, 'RUNNING'));
    expect(await statusOf(w, task.id)).toBe('in-progress');
    // VDA 5050: the orderId is kept, the nodes and the actions are gone
    const mission = w.link.missions.at(-1)!;
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'K', missionId: mission.id, pendingNodes: [], actions: [], driving: false });
    const after = await w.tasks.get(task.id);
    expect(after?.status).not.toBe('completed');
    expect((await w.tasks.history(task.id)).map((e) => e.to)).not.toContain('completed');
    expect(after?.statusReason ?? '').toMatch(/cleared the order/);
    expect(w.registry.get(robot)?.currentTaskId).toBeUndefined();
  });

  it.each<[string, Partial<RobotReport>]>([
    ['in MANUAL mode', { operatingMode: 'MANUAL' }],
    ['in SERVICE mode', { operatingMode: 'SERVICE' }],
    ['with an emergency stop', { operatingMode: 'AUTOMATIC', safetyStop: true }],
  ])('a robot %s gets no order (VDA 5050: master control sends none); once back in AUTOMATIC it takes the task', async (_what, state) => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A', state);
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10_000);
    expect(w.link.missions).toHaveLength(0);
    expect(await statusOf(w, task.id)).toBe('ready');
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', battery: 90, driving: false, operatingMode: 'AUTOMATIC', safetyStop: false });
    await w.clock.advance(10);
    expect(w.link.missions).toHaveLength(1);
    expect(await statusOf(w, task.id)).toBe('accepted');
  });

  it('asks a robot that sends no factsheet again less and less often (10 s, 20 s, 40 s…), and at once in a new session', async () => {
    const w = world();
    const robot = 'M:R9';
    await w.fleet.onConnection('M', 'R9', 'ONLINE');
    const asked = () => w.link.instants.filter((i) => i.robotId === robot && i.command.kind === 'factsheet').length;
    expect(asked()).toBe(1);
    // a state every second for 75 s: asked again at 10 s, 30 s and 70 s
    for (let s = 1; s <= 75; s++) {
      await w.clock.advance(1_000);
      await w.fleet.onState('M', 'R9', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', battery: 90, driving: false });
    }
    expect(asked()).toBe(4);
    await w.fleet.onConnection('M', 'R9', 'ONLINE');
    expect(asked()).toBe(5);
  });

  it('asks a robot registered with its actions for its factsheet too (its limits and instant actions), until one comes, even an empty one', async () => {
    const w = world();
    const robot = 'M:R8';
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'R8', actions: ['pick', 'drop'] });
    const asked = () => w.link.instants.filter((i) => i.robotId === robot && i.command.kind === 'factsheet').length;
    await w.fleet.onConnection('M', 'R8', 'ONLINE');
    expect(asked()).toBe(1);
    await w.clock.advance(10_000);
    await w.fleet.onState('M', 'R8', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', battery: 90, driving: false });
    expect(asked()).toBe(2);
    await w.fleet.onFactsheet('M', 'R8', { actions: [], instantActions: [] });
    await w.clock.advance(60_000);
    await w.fleet.onState('M', 'R8', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', battery: 90, driving: false });
    await w.fleet.onConnection('M', 'R8', 'ONLINE');
    expect(asked()).toBe(2);
    expect(w.registry.get(robot)?.actions).toEqual(['pick', 'drop']); // an empty factsheet leaves what was known
  });

  it('asks a robot whose factsheet is stored already once after a restart (and in a new session), not over and over', async () => {
    const w = world();
    const robot = 'M:R7';
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'R7', actions: ['pick'] });
    // its factsheet, from before the restart: scopes known
    await w.registry.update(robot, (r) => ({ ...r, instantActions: ['startPause', 'stopPause'] }), w.clock.now());
    const asked = () => w.link.instants.filter((i) => i.robotId === robot && i.command.kind === 'factsheet').length;
    await w.fleet.onState('M', 'R7', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', battery: 90, driving: false });
    expect(asked()).toBe(1);
    for (let s = 1; s <= 120; s++) {
      await w.clock.advance(1_000);
      await w.fleet.onState('M', 'R7', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', battery: 90, driving: false });
    }
    expect(asked()).toBe(1);
    await w.fleet.onConnection('M', 'R7', 'ONLINE');
    expect(asked()).toBe(2);
  });

  it('a duplicate finished report changes nothing twice', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const done = echo(w, robot, 'FINISHED');
    await w.fleet.onState('M', 'R1', done);
    await w.fleet.onState('M', 'R1', done);
    expect((await w.tasks.history(task.id)).filter((e) => e.to === 'completed')).toHaveLength(1);
  });

  it('resends an unconfirmed order with the same id, then gives the robot up', async () => {
    const w = world();
    await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    w.dispatch.start(60_000, 1_000);
    await w.clock.advance(7_500);
    const first = w.link.missions.filter((m) => m.id === `${task.id}:1`);
    expect(first).toHaveLength(3);
    const history = await w.tasks.history(task.id);
    // The only robot able to do it did not confirm: the task leaves it (here, with no staff queue wired, it fails).
    expect(history.some((e) => e.from === 'accepted' && /did not confirm/.test(e.cause.reason ?? ''))).toBe(true);
    w.dispatch.stop();
  });

  it('a failed action cancels the order and fails the task over to another robot, never back to the one that failed; after the last attempt it goes to staff', async () => {
    const w = world();
    const first = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    expect((await w.tasks.get(task.id))?.robotId).toBe(first);
    const second = await onlineRobot(w, 'R2', 'Q0');
    await w.fleet.onState('M', 'R1', echo(w, first, 'FAILED'));
    expect(w.link.instants).toContainEqual({ robotId: first, command: { kind: 'cancel' } });
    await w.fleet.onState('M', 'R1', { robotId: first, at: w.clock.now(), missionId: '', pendingNodes: [], actions: [], lastNodeId: 'A' });
    await w.clock.advance(10);
    // R1 is free, nearer and idle: the task still goes to R2.
    expect(await w.tasks.get(task.id)).toMatchObject({ status: 'accepted', robotId: second, attempt: 2 });
    await w.fleet.onState('M', 'R2', echo(w, second, 'FAILED'));
    expect(await statusOf(w, task.id)).toBe('failed');
    expect(w.notifier.alerts.find((a) => a.kind === 'task-failed')?.message).toMatch(/2 attempts by robots/);
    const history = await w.tasks.history(task.id);
    expect(history.filter((e) => e.to === 'accepted').map((e) => e.robotId)).toEqual([first, second]);
  });

  it('alerts staff once when a robot gives up three tasks in a row without finishing one; a task done in between starts the count again', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const attempt = async (outcome: 'FAILED' | 'FINISHED') => {
      const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
      await w.clock.advance(10);
      expect((await w.tasks.get(task.id))?.robotId).toBe(robot);
      await w.fleet.onState('M', 'R1', echo(w, robot, outcome));
      await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), missionId: '', pendingNodes: [], actions: [], lastNodeId: 'A' });
      await w.clock.advance(10);
    };
    const failing = () => w.notifier.alerts.filter((a) => a.kind === 'robot-failing');
    await attempt('FAILED');
    await attempt('FAILED');
    await attempt('FINISHED');
    await attempt('FAILED');
    await attempt('FAILED');
    expect(failing()).toEqual([]);
    await attempt('FAILED');
    expect(failing()).toEqual([expect.objectContaining({ robotId: robot, severity: 'warning', message: expect.stringMatching(/R1 gave up its last 3 tasks.*pick failed/) })]);
    await attempt('FAILED');
    expect(failing()).toHaveLength(1);
  });

  it('alerts that no robot can do a task only once it has stayed so for a minute, not while the fleet is still joining', async () => {
    const w = world();
    // rounds every 5 s, as in the api
    w.dispatch.start();
    await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    // the only robot able to carry it is gone before it gets it (its factsheet now lists other actions)
    await w.fleet.onFactsheet('M', 'R1', { actions: ['measureVitals'], instantActions: [] });
    const unassignable = () => w.notifier.alerts.filter((a) => a.kind === 'no-capable-robot');
    await w.clock.advance(30_000);
    expect(unassignable()).toEqual([]);
    // a robot that can do it joins in time: no alert at all
    await onlineRobot(w, 'R2', 'Q0');
    await w.clock.advance(60_000);
    expect(unassignable()).toEqual([]);
    expect((await w.tasks.get(task.id))?.robotId).toBe('M:R2');

    const stuck = await w.service.create({ type: 'linen', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.fleet.onFactsheet('M', 'R2', { actions: ['measureVitals'], instantActions: [] });
    await w.clock.advance(30_000);
    expect(unassignable()).toEqual([]);
    await w.clock.advance(40_000);
    expect(unassignable()).toEqual([expect.objectContaining({ taskId: stuck.id, severity: 'warning' })]);
    w.dispatch.stop();
  });

  it('a robot that finished the work while we could not hear it completes the task, though an initPosition on the way failed', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    await onlineRobot(w, 'R2', 'Q0');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const done = echo(w, robot, 'FINISHED');
    // The first state we see after an outage: route driven, pick and drop FINISHED, the elevator exit's initPosition FAILED.
    const mission = w.link.missions.at(-1)!;
    await w.fleet.onState('M', 'R1', { ...done, actions: [...done.actions!, { id: `${mission.id}/9.0-initPosition`, type: 'initPosition', status: 'FAILED' }] });
    expect(await statusOf(w, task.id)).toBe('completed');
    expect(w.link.missions).toHaveLength(1);
    expect(w.link.instants).not.toContainEqual({ robotId: robot, command: { kind: 'cancel' } });
  });

  it('a failed pick fails the attempt even when the robot went on to finish its drop (nothing was carried)', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    await onlineRobot(w, 'R2', 'Q0');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const done = echo(w, robot, 'FINISHED');
    await w.fleet.onState('M', 'R1', { ...done, actions: done.actions!.map((a) => (a.type === 'pick' ? { ...a, status: 'FAILED' as const } : a)) });
    expect(await statusOf(w, task.id)).not.toBe('completed');
    expect((await w.tasks.history(task.id)).some((e) => e.to === 'ready' && (e.from === 'accepted' || e.from === 'in-progress'))).toBe(true);
  });

  it('a robot that is the only one able to do a task and refuses it sends the task to staff with its reason, not round in a loop', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const mission = w.link.missions.at(-1)!;
    const refusal = { type: 'orderError', level: 'WARNING' as const, description: 'tray is broken', references: [mission.id] };
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', missionId: '', errors: [refusal] });
    await w.clock.advance(60_000);
    expect(w.link.missions).toHaveLength(1);
    expect(await w.tasks.get(task.id)).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(/tray is broken.*no other robot/) });
  });

  it('withdrawing an order sends cancelOrder only while the robot holds that order (cancelOrder names none: it would stop another)', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const cancels = () => w.link.instants.filter((i) => i.robotId === robot && i.command.kind === 'cancel').length;
    await w.registry.update(robot, (r) => ({ ...r, missionId: 'other:1' }), w.clock.now());
    await w.reconciler.withdraw(robot, 'gone:1');
    expect(cancels()).toBe(0);
    await w.registry.update(robot, (r) => ({ ...r, missionId: 'gone:1' }), w.clock.now());
    await w.reconciler.withdraw(robot, 'gone:1');
    expect(cancels()).toBe(1);
  });

  it('remembers who refused a task only while the task is open', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    await onlineRobot(w, 'R2', 'R2');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const mission = w.link.missions.find((m) => m.robotId === robot)!;
    const refusal = { type: 'orderError', level: 'WARNING' as const, description: 'tray is broken', references: [mission.id] };
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', missionId: '', errors: [refusal] });
    expect(w.failover.avoids(task.id, robot)).toBe(true);
    await w.service.cancel(task.id, STAFF);
    await w.dispatch.runOnce();
    expect(w.failover.avoidance().size).toBe(0);
  });

  it('sends stopCharging before giving work to a charging robot, and the order once it stopped', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'Q0', { charging: true });
    await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    expect(w.link.instants).toContainEqual({ robotId: robot, command: { kind: 'charge', start: false } });
    expect(w.link.missions).toHaveLength(0);
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'Q0', charging: false });
    await w.clock.advance(10);
    expect(w.link.missions).toHaveLength(1);
  });

  it('refuses a task no robot of the fleet can do, naming the missing actions', async () => {
    const w = world();
    await onlineRobot(w, 'R1', 'A');
    await expect(w.service.create({ type: 'vitals', priority: 'urgent', atNode: 'R1', action: 'measureVitals' }, STAFF)).rejects.toThrow(
      /measureVitals.*fleet has: drop, pick/,
    );
  });

  it('cancelling a task under way sends cancelOrder and frees the robot', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    await w.service.cancel(task.id, STAFF);
    expect(await statusOf(w, task.id)).toBe('cancelled');
    expect(w.link.instants).toContainEqual({ robotId: robot, command: { kind: 'cancel' } });
    await expect(w.service.cancel(task.id, STAFF)).rejects.toThrow(/already cancelled/);
  });

  it('a task cancelled before the robot confirmed its order: the order is never sent again, and the robot is free for the next task', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    expect(w.link.missions.map((m) => m.id)).toEqual([`${task.id}:1`]);
    await w.service.cancel(task.id, STAFF);
    // the order was lost on the way: past the resend delay it is not sent again (a robot would run a cancelled job)
    await w.clock.advance(2_500);
    await w.dispatch.resendUnconfirmed();
    expect(w.link.missions.map((m) => m.id)).toEqual([`${task.id}:1`]);
    // the robot reports no order: it takes the next task
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', battery: 90, driving: false });
    const next = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    expect(w.link.missions.map((m) => m.id)).toEqual([`${task.id}:1`, `${next.id}:1`]);
    expect(await statusOf(w, next.id)).toBe('accepted');
  });

  it('a robot that goes on with a cancelled task is told to cancel again while it runs it, is busy meanwhile, and free once it stops', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const running = echo(w, robot, 'RUNNING');
    await w.fleet.onState('M', 'R1', running);
    await w.service.cancel(task.id, STAFF);
    const cancels = () => w.link.instants.filter((i) => i.robotId === robot && i.command.kind === 'cancel').length;
    expect(cancels()).toBe(1);
    // the cancel was lost: the robot still reports the order running
    const next = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(6_000);
    await w.fleet.onState('M', 'R1', { ...running, at: w.clock.now() });
    expect(cancels()).toBe(2);
    expect(await statusOf(w, next.id)).toBe('ready');
    expect(w.link.missions.map((m) => m.id)).toEqual([`${task.id}:1`]);
    // it stops (the order's actions failed by the cancel): the robot takes the next task; the cancelled one stays cancelled
    const stopped = echo(w, robot, 'FAILED');
    await w.fleet.onState('M', 'R1', { ...stopped, lastNodeId: 'A', at: w.clock.now() });
    await w.clock.advance(10);
    expect(w.link.missions.map((m) => m.id)).toEqual([`${task.id}:1`, `${next.id}:1`]);
    expect(await statusOf(w, task.id)).toBe('cancelled');
    expect(await statusOf(w, next.id)).toBe('accepted');
  });
});

describe('an order the robot turns down without naming its orderId (VDA 5050 §6.6.4, §7.1)', () => {
  const warning = (type: string, references: string[]) => ({ type, level: 'WARNING' as const, description: 'station type kitchen not supported', references });

  /** R1 gets the task's order, resent every 2 s while unconfirmed; R2 joins after, so the task has somewhere to go. */
  async function orderSent(w: World, before: Partial<RobotReport> = {}) {
    const robot = await onlineRobot(w, 'R1', 'A', before);
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    w.dispatch.start(60_000, 1_000);
    await w.clock.advance(10);
    const other = await onlineRobot(w, 'R2', 'Q0');
    const mission = w.link.missions.at(-1)!;
    expect(mission).toMatchObject({ id: `${task.id}:1`, robotId: robot });
    const sentToR1 = () => w.link.missions.filter((m) => m.robotId === robot).length;
    return { robot, other, task, mission, sentToR1 };
  }

  it.each<[string, string, (mission: Mission) => string[]]>([
    ['an orderError naming only an action of the order and its parameter', 'orderError', (mission) => [mission.nodes.flatMap((n) => n.actions).find((a) => a.type === 'pick')!.id, 'kitchen']],
    ['a validationError naming nothing', 'validationError', () => []],
  ])('%s: the task goes back with the robot\'s reason at once, the order is not sent again', async (_what, type, references) => {
    const w = world();
    const { robot, other, task, mission, sentToR1 } = await orderSent(w);
    await w.clock.advance(300);
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', missionId: '', errors: [warning(type, references(mission))] });
    const back = (await w.tasks.history(task.id)).find((e) => e.from === 'accepted');
    expect(back?.cause.reason).toBe(`robot rejected the order: ${type}: station type kitchen not supported`);
    await w.clock.advance(10);
    expect(await w.tasks.get(task.id)).toMatchObject({ status: 'accepted', robotId: other, attempt: 2 });
    await w.clock.advance(12_000);
    expect(sentToR1()).toBe(1);
    w.dispatch.stop();
  });

  it('an error naming nothing that the robot had before the order went out does not turn the order down: the robot takes it', async () => {
    const w = world();
    const standing = warning('validationError', []);
    const { robot, task, sentToR1 } = await orderSent(w, { errors: [standing] });
    await w.clock.advance(300);
    await w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: 'A', missionId: '', errors: [standing] });
    await w.clock.advance(2_500);
    expect(sentToR1()).toBe(2);
    expect(await w.tasks.get(task.id)).toMatchObject({ status: 'accepted', robotId: robot, attempt: 1 });
    await w.fleet.onState('M', 'R1', echo(w, robot, 'RUNNING'));
    expect(await statusOf(w, task.id)).toBe('in-progress');
    w.dispatch.stop();
  });

  it('an orderError naming an action of the order before does not turn down the new one', async () => {
    const w = world();
    const robot = await onlineRobot(w, 'R1', 'A');
    const first = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    await w.fleet.onState('M', 'R1', echo(w, robot, 'FINISHED'));
    expect(await statusOf(w, first.id)).toBe('completed');
    const older = w.link.missions.at(-1)!;
    const second = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(300);
    expect(w.link.missions.at(-1)!.id).toBe(`${second.id}:1`);
    const olderPick = older.nodes.flatMap((n) => n.actions).find((a) => a.type === 'pick')!.id;
    await w.fleet.onState('M', 'R1', { ...echo(w, robot, 'FINISHED'), missionId: older.id, actions: [], errors: [warning('orderError', [olderPick])] });
    expect(await w.tasks.get(second.id)).toMatchObject({ status: 'accepted', robotId: robot, attempt: 1 });
  });
  it('an order over the limits a robot’s factsheet declares is not sent: the task goes to another robot, staff are told once', async () => {
    const w = world();
    const near = await onlineRobot(w, 'R1', 'A');
    await w.fleet.onFactsheet('M', 'R1', { actions: ['pick', 'drop'], instantActions: [], orderLimits: { nodes: 1 } });
    expect(w.registry.get(near)?.orderLimits).toEqual({ nodes: 1 });
    const far = await onlineRobot(w, 'R2', 'Q0');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    expect(w.link.missions.map((m) => m.robotId)).toEqual([far]);
    expect((await w.tasks.get(task.id))?.robotId).toBe(far);
    const limitAlerts = () => w.notifier.alerts.filter((a) => a.kind === 'robot-order-limit' && a.robotId === near);
    expect(limitAlerts()).toEqual([expect.objectContaining({ severity: 'warning', taskId: task.id, message: expect.stringContaining('protocolLimits maxArrayLens.order.nodes') })]);
    // not an attempt: the task's history shows no robot giving it up
    expect((await w.tasks.history(task.id)).map((e) => e.to)).toEqual(['requested', 'ready', 'accepted']);

    // the only free robot is kept off the next task too, which waits; staff were told already
    const next = await w.service.create({ type: 'linen', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10_000);
    expect(await statusOf(w, next.id)).toBe('ready');
    expect(w.link.missions).toHaveLength(1);
    expect(limitAlerts()).toHaveLength(1);
    // another robot able to do it exists (busy): no "no robot can" alert
    expect(w.notifier.alerts.filter((a) => a.kind === 'no-capable-robot')).toEqual([]);

    // a factsheet without the limit lifts it: the robot takes the task
    await w.fleet.onFactsheet('M', 'R1', { actions: ['pick', 'drop'], instantActions: [], orderLimits: {} });
    expect(w.registry.get(near)?.orderLimits).toBeUndefined();
    await w.clock.advance(10_000);
    expect((await w.tasks.get(next.id))?.robotId).toBe(near);
  });
  it('a task whose order fits no robot’s limits is told to staff at once; a robot that moved is tried again from where it is', async () => {
    const w = world();
    // rounds every 5 s, as in the api
    w.dispatch.start();
    const only = await onlineRobot(w, 'R1', 'A');
    await w.fleet.onFactsheet('M', 'R1', { actions: ['pick', 'drop'], instantActions: [], orderLimits: { nodes: 1 } });
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    expect(w.notifier.alerts.filter((a) => a.kind === 'no-capable-robot')).toEqual([
      expect.objectContaining({ taskId: task.id, message: expect.stringMatching(/^No robot of the fleet can take task t1 within what its orders may hold \(last: the order has \d+ nodes, the robot takes at most 1\)/) }),
    ]);
    expect(w.failover.avoids(task.id, only)).toBe(true);
    // it stands somewhere else now: the order from there is another one, so it is checked again (still too long)
    await w.fleet.onState('M', 'R1', { robotId: only, at: w.clock.now(), lastNodeId: 'B', battery: 90, driving: false });
    expect(w.failover.avoids(task.id, only)).toBe(false);
    await w.clock.advance(5_000);
    expect(w.failover.avoids(task.id, only)).toBe(true);
    expect(w.link.missions).toEqual([]);
    expect(w.notifier.alerts.filter((a) => a.kind === 'no-capable-robot' || a.kind === 'robot-order-limit')).toHaveLength(2);
    w.dispatch.stop();
  });
});

describe('a route longer than a robot takes in one order goes out as an order and order updates (VDA 5050 §6.6.2)', () => {
  /** A meal from K to R1 for R1 at A, whose factsheet says it takes at most 4 nodes an order. */
  async function staged() {
    const w = fleetWorld({ staged: true });
    const robot = await onlineRobot(w, 'R1', 'A');
    await w.fleet.onFactsheet('M', 'R1', { actions: ['pick', 'drop'], instantActions: [], orderLimits: { nodes: 4 } });
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const whole = (await w.tasks.forTask(task.id))!;
    return { w, robot, task, whole };
  }

  /** The robot's state while it holds stage `updateId` and has traversed `done` nodes of the whole route. */
  const holding = (w: World, robot: string, whole: Mission, updateId: number, lastSent: number, done: number, status: 'WAITING' | 'FINISHED' = 'WAITING'): RobotReport => {
    const held = whole.nodes.slice(0, lastSent + 1);
    return {
      robotId: robot,
      at: w.clock.now(),
      lastNodeId: whole.nodes[done - 1]!.nodeId,
      lastNodeSequenceId: (done - 1) * 2,
      driving: done < held.length,
      missionId: whole.id,
      missionUpdateId: updateId,
      pendingNodes: held.slice(done).map((n) => n.nodeId),
      actions: held.flatMap((n, i) => n.actions.map((a) => ({ id: a.id, type: a.type, status: i < done ? 'FINISHED' : status }))),
    };
  };

  it('sends the first four nodes, each update once the robot has few enough left, and completes the task only at the end of the last', async () => {
    const { w, robot, task, whole } = await staged();
    // A B K B L0 L1 H1 R1: stages A–B (0–3), B–L1 (3–5), L1–R1 (5–7), each update adding two nodes
    expect(whole.nodes.map((n) => n.nodeId)).toEqual(['A', 'B', 'K', 'B', 'L0', 'L1', 'H1', 'R1']);
    expect(w.link.missions).toEqual([{ ...whole, nodes: whole.nodes.slice(0, 4), part: { updateId: 0, from: 0 } }]);

    // on A: three nodes left, two more would make five
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 1));
    expect(w.link.missions).toHaveLength(1);
    expect(await statusOf(w, task.id)).toBe('in-progress');
    // on B: two left, the update starts at the stitching node (the second B, sequence 3)
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 2));
    expect(w.link.missions.at(-1)).toEqual({ ...whole, nodes: whole.nodes.slice(3, 6), part: { updateId: 1, from: 3 } });
    // not heard yet: sent again only after the resend interval
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 2));
    expect(w.link.missions).toHaveLength(2);
    await w.clock.advance(2_000);
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 3));
    expect(w.link.missions).toHaveLength(3);
    expect(w.link.missions[2]).toEqual(w.link.missions[1]);

    // stopped at the end of the first stage before the update came, its pick FINISHED and nothing left of that stage:
    // not done, the rest is still ahead (and the update is not sent again within the interval)
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 0, 3, 4, 'FINISHED'), driving: false });
    expect(await statusOf(w, task.id)).toBe('in-progress');
    expect(w.registry.get(robot)).toMatchObject({ currentTaskId: task.id, missionId: whole.id });
    expect(w.link.missions).toHaveLength(3);

    // holding the update with two nodes left: the last stage
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 1, 5, 4));
    expect(w.link.missions.at(-1)).toEqual({ ...whole, nodes: whole.nodes.slice(5), part: { updateId: 2, from: 5 } });
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 1, 5, 6, 'FINISHED'), driving: false });
    expect(await statusOf(w, task.id)).toBe('in-progress');

    // a vehicle that reports lastNodeSequenceId 0 ("not available") is told by its node id
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 2, 7, 8, 'FINISHED'), driving: false, lastNodeSequenceId: 0 });
    expect(await statusOf(w, task.id)).toBe('completed');
    expect(w.link.missions).toHaveLength(4);
  });

  it('sends no update for an order being taken off the robot, and none for an order it does not run', async () => {
    const { w, robot, task, whole } = await staged();
    await w.service.cancel(task.id, STAFF);
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 2));
    expect(w.link.missions).toHaveLength(1);
    expect(w.link.instants.map((i) => i.command.kind)).toContain('cancel');
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 0, 3, 2), missionId: 'other:1' });
    expect(w.link.missions).toHaveLength(1);
  });

  it('after a restart, takes a task’s stages up again from the outbox; until then the robot’s word is not taken for done', async () => {
    const { w, robot, whole } = await staged();
    let reads = 0;
    const flaky = (missionId: string, robotId: string) => (++reads === 1 ? Promise.reject(new Error('disk')) : outboxMissions(w.tasks)(missionId, robotId));
    const again = new OrderStaging((id) => w.registry.get(id)?.orderLimits, w.clock, flaky);
    const atEnd = { ...holding(w, robot, whole, 1, 5, 6, 'FINISHED'), driving: false };
    // the outbox read fails: the state is read all the same, the route unknown, and the end of a stage is not done
    await again.recover(atEnd);
    expect(again.uncertain(robot, whole.id)).toBe(true);
    expect(again.judge(whole.id, atEnd, 'done').outcome).toBe('running');
    // an older order it reports finished: done on its word, with the doubt for staff (LateCompletion)
    expect(again.judge(whole.id, atEnd, 'done', false).outcome).toBe('done');
    // read again at the next state
    await again.recover(atEnd);
    expect(reads).toBe(2);
    expect(again.uncertain(robot, whole.id)).toBe(false);
    expect(again.judge(whole.id, atEnd, 'done').outcome).toBe('running');
    expect(again.next(holding(w, robot, whole, 1, 5, 4))).toEqual({ ...whole, nodes: whole.nodes.slice(5), part: { updateId: 2, from: 5 } });
    // done only on the route's last node, whatever orderUpdateId it reports
    expect(again.judge(whole.id, { ...atEnd, missionUpdateId: 7 }, 'done').outcome).toBe('dropped');
    expect(again.judge(whole.id, { ...holding(w, robot, whole, 2, 7, 8, 'FINISHED'), driving: false }, 'done').outcome).toBe('done');
  });

  it('a route sent whole before the robot’s limits were known gets no update, after a restart too', async () => {
    const w = fleetWorld({ staged: true });
    const robot = await onlineRobot(w, 'R1', 'A');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.clock.advance(10);
    const whole = (await w.tasks.forTask(task.id))!;
    expect(w.link.missions).toEqual([whole]);
    await w.fleet.onFactsheet('M', 'R1', { actions: ['pick', 'drop'], instantActions: [], orderLimits: { nodes: 4 } });
    const running = holding(w, robot, whole, 0, 7, 6);
    await w.fleet.onState('M', 'R1', running);
    expect(w.link.missions).toHaveLength(1);
    // a restarted api reads it from the outbox: the robot holds more nodes than one order of its own takes, so whole
    const again = new OrderStaging((id) => w.registry.get(id)?.orderLimits, w.clock, outboxMissions(w.tasks));
    await again.recover(holding(w, robot, whole, 0, 7, 2));
    expect(again.next(running)).toBeUndefined();
    expect(again.judge(whole.id, { ...holding(w, robot, whole, 0, 7, 8, 'FINISHED'), driving: false }, 'done').outcome).toBe('done');
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 0, 7, 8, 'FINISHED'), driving: false });
    expect(await statusOf(w, task.id)).toBe('completed');
  });

  it('a robot that clears its order on a node the route passes twice, not at the end of its stage, dropped it: no update', async () => {
    const { w, robot, task, whole } = await staged();
    // on the first B (sequence 2): the stage ends on the second B (sequence 6)
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 0, 3, 2), pendingNodes: [], actions: [], driving: false });
    expect(w.link.missions).toHaveLength(1);
    expect((await w.tasks.get(task.id))?.status).not.toBe('in-progress');
    expect(w.registry.get(robot)?.currentTaskId).toBeUndefined();
  });

  it('a cancel while the robot waits at the end of a stage frees it', async () => {
    const { w, robot, task, whole } = await staged();
    // the update went out but was lost; the robot stands at the end of its first stage, its pick done
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 2));
    const waiting = () => ({ ...holding(w, robot, whole, 0, 3, 4, 'FINISHED'), driving: false });
    await w.fleet.onState('M', 'R1', waiting());
    expect(w.registry.get(robot)?.missionId).toBe(whole.id);
    await w.service.cancel(task.id, STAFF);
    await w.clock.advance(1_000);
    await w.fleet.onState('M', 'R1', waiting());
    expect(w.registry.get(robot)?.missionId).toBeUndefined();
    expect(await statusOf(w, task.id)).toBe('cancelled');
  });

  it('a cancel during the route frees the robot once it stops: one cancelOrder, no update', async () => {
    const { w, robot, task, whole } = await staged();
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 1));
    await w.service.cancel(task.id, STAFF);
    // the vehicle stopped on B: its order cleared of nodes, the pick FAILED by the cancel
    const stopped = { ...holding(w, robot, whole, 0, 3, 2), pendingNodes: [], driving: false, actions: [{ id: whole.nodes[2]!.actions[0]!.id, type: 'pick', status: 'FAILED' as const }] };
    for (let i = 0; i < 4; i++) {
      await w.clock.advance(6_000);
      await w.fleet.onState('M', 'R1', { ...stopped, at: w.clock.now() });
    }
    expect(w.registry.get(robot)?.missionId).toBeUndefined();
    expect(w.link.instants.filter((i) => i.command.kind === 'cancel')).toHaveLength(1);
    expect(w.link.missions).toHaveLength(1);
  });

  it('a robot that clears the order (manual mode) away from the end of its stage dropped it: no update, the attempt ends', async () => {
    const { w, robot, task, whole } = await staged();
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 1));
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 0, 3, 2), pendingNodes: [], actions: [], driving: false, operatingMode: 'MANUAL' });
    expect(w.link.missions).toHaveLength(1);
    expect((await w.tasks.get(task.id))?.statusReason).toMatch(/cleared the order/);
    expect(w.registry.get(robot)?.currentTaskId).toBeUndefined();
  });

  it('an update the robot refuses ends the attempt with its words and stops the robot', async () => {
    const { w, robot, task, whole } = await staged();
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 2));
    expect(w.link.missions).toHaveLength(2);
    const refused = { type: 'orderUpdateError', level: 'WARNING' as const, description: 'update must start at the end of the current base', references: [whole.id] };
    await w.fleet.onState('M', 'R1', { ...holding(w, robot, whole, 0, 3, 3), errors: [refused] });
    expect((await w.tasks.get(task.id))?.statusReason).toMatch(/^robot refused order update 1 of the route: orderUpdateError: update must start at the end of the current base/);
    // (besides the factsheetRequest a robot registered without one is sent)
    expect(w.link.instants.map((i) => i.command.kind).filter((kind) => kind !== 'factsheet')).toEqual(['cancel']);
    expect(w.registry.get(robot)?.currentTaskId).toBeUndefined();
  });

  it('an update the robot never takes is sent three times, then the attempt ends', async () => {
    const { w, robot, task, whole } = await staged();
    const atEnd = () => ({ ...holding(w, robot, whole, 0, 3, 4, 'FINISHED'), driving: false });
    for (let i = 0; i < 5; i++) {
      await w.fleet.onState('M', 'R1', atEnd());
      await w.clock.advance(2_000);
    }
    expect(w.link.missions.filter((m) => m.part?.updateId === 1)).toHaveLength(3);
    expect((await w.tasks.get(task.id))?.statusReason).toMatch(/^robot did not take order update 1 of the route \(sent 3 times\); it stands at the end of what it was given/);
  });

  it('a cancelOrder sent over the link by other services (custody) calls off the stages too', async () => {
    const { w, robot, whole } = await staged();
    await w.out.sendInstant(robot, { kind: 'cancel' });
    await w.fleet.onState('M', 'R1', holding(w, robot, whole, 0, 3, 2));
    expect(w.link.missions).toHaveLength(1);
    expect(w.staging.stagesOf(robot, whole.id)).toEqual({ stages: 3, sent: 0, calledOff: true });
  });
});
