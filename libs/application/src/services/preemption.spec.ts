import { Mutex } from 'async-mutex';
import { DEFAULT_DISPATCH_CONFIG, EarliestFinishPolicy, loadFacility, type DispatchDecision, type DispatchPolicy } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { InMemoryRobotStore, InMemoryTaskStore, ManualClock, RecordingNotifier, RecordingRobotLink } from '../testing';
import { DispatchService } from './dispatch.service';
import { InlineDispatchPlanner } from './refusal-aware-planning';
import { cancelActionId, FleetRegistry } from './fleet-registry';
import { MissionSender } from './mission-sender';
import { OrderReconciler } from './order-reconciler';
import { durable, idle, joins, live, process, reports, running, sentTo, taskOf, WATCH, type Durable } from './resilience-world.fixture';
import { TaskService } from './task.service';
import type { Mission, RobotReport } from '../ports/robot-link.port';

/** A policy that says what the test tells it to, once. */
class ScriptedPolicy implements DispatchPolicy {
  readonly name = 'scripted';
  next: DispatchDecision[] = [];
  plan(): DispatchDecision[] {
    const decisions = this.next;
    this.next = [];
    return decisions;
  }
}

async function world() {
  const facility = loadFacility(smallFacilityJson());
  const clock = new ManualClock();
  const tasks = new InMemoryTaskStore();
  const link = new RecordingRobotLink();
  const notifier = new RecordingNotifier();
  const registry = new FleetRegistry(new InMemoryRobotStore(), notifier);
  const mutex = new Mutex();
  const errors: Error[] = [];
  const sender = new MissionSender(link, clock, (e) => errors.push(e));
  const policy = new ScriptedPolicy();
  const dispatch = new DispatchService(tasks, registry, link, new InlineDispatchPlanner(policy, facility), facility, DEFAULT_DISPATCH_CONFIG, clock, notifier, mutex, sender, (e) => errors.push(e));
  let n = 0;
  const service = new TaskService(tasks, registry, facility, clock, { next: () => `t${++n}` }, notifier, { request: () => undefined }, mutex, new OrderReconciler(tasks, registry, link, sender, clock, (e: Error) => errors.push(e)));
  const robot = await registry.register({ manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] }, clock.now());
  await registry.update(robot.id, (r) => ({ ...r, connection: 'ONLINE', lastNodeId: 'A', battery: 90 }), clock.now());
  return { clock, tasks, link, notifier, registry, dispatch, service, policy, robotId: robot.id, errors };
}

const STAFF = { kind: 'staff', id: 'nurse' } as const;
const route = { nodes: ['A'], durationS: 0, distanceM: 0, elevatorRides: [] };

describe('DispatchService applies a plan to the fleet as it is now (fakes)', () => {
  it('gives no order, charge or park trip to a robot that went offline while the round was planned; the task stays ready', async () => {
    const w = await world();
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await w.registry.update(w.robotId, (r) => ({ ...r, connection: 'OFFLINE' }), w.clock.now());
    w.policy.next = [{ kind: 'assign', taskId: task.id, robotId: w.robotId, route, finishAt: 0 }];
    expect(await w.dispatch.runOnce()).toBe(0);
    w.policy.next = [{ kind: 'charge', robotId: w.robotId, chargerNode: 'Q0', route }];
    expect(await w.dispatch.runOnce()).toBe(0);
    w.policy.next = [{ kind: 'park', robotId: w.robotId, node: 'B', route }];
    expect(await w.dispatch.runOnce()).toBe(0);
    expect(w.link.missions).toHaveLength(0);
    expect((await w.tasks.get(task.id))?.status).toBe('ready');
    // back online: the same plan goes through
    await w.registry.update(w.robotId, (r) => ({ ...r, connection: 'ONLINE' }), w.clock.now());
    w.policy.next = [{ kind: 'assign', taskId: task.id, robotId: w.robotId, route, finishAt: 0 }];
    expect(await w.dispatch.runOnce()).toBe(1);
    expect((await w.tasks.get(task.id))?.status).toBe('accepted');
  });

  it('starts no round once stopped, however many requests come (robot reports queued behind a shutdown)', async () => {
    const w = await world();
    await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    let rounds = 0;
    const plan = w.policy.plan.bind(w.policy);
    w.policy.plan = () => {
      rounds += 1;
      return plan();
    };
    w.dispatch.stop();
    w.dispatch.request();
    w.dispatch.request();
    await w.clock.advance(10_000);
    expect(rounds).toBe(0);
  });
});

describe('preemption in DispatchService (fakes)', () => {
  it('cancels the robot’s order and keeps the task with it until it confirms; the robot takes no order meanwhile', async () => {
    const w = await world();
    const routine = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    const stat = await w.service.create({ type: 'meal', priority: 'stat', from: 'B', to: 'R1' }, STAFF);
    w.policy.next = [{ kind: 'assign', taskId: routine.id, robotId: w.robotId, route, finishAt: 0 }];
    await w.dispatch.runOnce();
    expect((await w.tasks.get(routine.id))?.status).toBe('accepted');
    const missionId = w.link.missions[0].id;

    w.policy.next = [
      { kind: 'preempt', robotId: w.robotId, taskId: routine.id, forTaskId: stat.id },
      // the same round may want to give the stat task to that robot: it still holds its task, so it must wait
      { kind: 'assign', taskId: stat.id, robotId: w.robotId, route, finishAt: 0 },
    ];
    expect(await w.dispatch.runOnce()).toBe(1);
    // not back in the queue before the robot confirms the cancel (a lost cancel would have it done twice)
    expect(await w.tasks.get(routine.id)).toMatchObject({ status: 'accepted', robotId: w.robotId });
    expect(w.link.instants).toEqual([{ robotId: w.robotId, command: { kind: 'cancel', id: cancelActionId(missionId) } }]);
    expect(w.registry.pendingCancel(w.robotId)).toMatchObject({ taskId: routine.id, missionId, reason: `preempted for stat task ${stat.id}` });
    expect(w.registry.get(w.robotId)?.currentTaskId).toBe(routine.id);
    // the policy sees it settling (no task, busy), as it will be once it confirms
    expect(w.registry.forDispatch()[0]).toMatchObject({ currentTaskId: undefined, missionId: undefined, working: true });
    expect((await w.tasks.get(stat.id))?.status).toBe('ready');
    expect(w.link.missions).toHaveLength(1);

    // asked again, it preempts nothing twice
    w.policy.next = [{ kind: 'preempt', robotId: w.robotId, taskId: routine.id, forTaskId: stat.id }];
    expect(await w.dispatch.runOnce()).toBe(0);
    expect(w.link.instants).toHaveLength(1);
  });

  it('changes nothing when the robot no longer holds the task', async () => {
    const w = await world();
    const routine = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    w.policy.next = [{ kind: 'preempt', robotId: w.robotId, taskId: routine.id, forTaskId: 'x' }];
    expect(await w.dispatch.runOnce()).toBe(0);
    expect((await w.tasks.get(routine.id))?.status).toBe('ready');
    expect(w.link.instants).toEqual([]);
  });
});

/** The robot's report while it drives `mission` before any action started (nothing on board: preemptable). */
function driving(mission: Mission, extra: RobotReport['actions'] = []): Partial<RobotReport> {
  return {
    lastNodeId: mission.nodes[0].nodeId,
    missionId: mission.id,
    pendingNodes: mission.nodes.map((n) => n.nodeId),
    driving: true,
    loaded: false,
    actions: [...mission.nodes.flatMap((n) => n.actions.map((a) => ({ id: a.id, type: a.type, status: 'WAITING' as const }))), ...extra],
  };
}

/** After the cancel: the order's actions failed by it, the route dropped; the cancel RUNNING until it stands. */
function cancelled(mission: Mission, standing: boolean): Partial<RobotReport> {
  return {
    lastNodeId: mission.nodes[0].nodeId,
    missionId: mission.id,
    pendingNodes: [],
    driving: !standing,
    loaded: false,
    actions: [
      ...mission.nodes.flatMap((n) => n.actions.map((a) => ({ id: a.id, type: a.type, status: 'FAILED' as const }))),
      { id: cancelActionId(mission.id), type: 'cancelOrder', status: standing ? ('FINISHED' as const) : ('RUNNING' as const) },
    ],
  };
}

/** Says what the test tells it to, once; otherwise plans as v1 does. */
class ScriptedThenEarliestFinish implements DispatchPolicy {
  readonly name = 'scripted';
  next: DispatchDecision[] = [];
  private readonly v1 = new EarliestFinishPolicy();
  plan(snapshot: Parameters<DispatchPolicy['plan']>[0]): DispatchDecision[] {
    const decisions = this.next;
    this.next = [];
    return decisions.length > 0 ? decisions : this.v1.plan(snapshot);
  }
}

/**
 * Preemption against the real fleet flow (reports, reconciler, watchdog, restart): the routine task stays with its
 * robot until the robot confirms the cancel, so a lost cancel can never have it done twice (soak, seed 2).
 */
describe('preemption until the robot confirms the cancel', () => {
  async function preempted() {
    const d = durable();
    const policy = new ScriptedThenEarliestFinish();
    const api = await process(d, WATCH, policy);
    await api.boot();
    const r1 = await joins(api, 'R1', 'A');
    const routine = await api.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    const [mission] = sentTo(d, r1);
    await reports(api, 'R1', driving(mission));
    policy.next = [{ kind: 'preempt', robotId: r1, taskId: routine.id, forTaskId: 'stat' }];
    const stat = await api.service.create({ type: 'meal', priority: 'stat', from: 'B', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    const cancels = () => d.link.instants.filter((i) => i.robotId === r1 && i.command.kind === 'cancel' && i.command.id === cancelActionId(mission.id)).length;
    expect(cancels()).toBe(1);
    expect(await taskOf(d, routine.id)).toMatchObject({ robotId: r1 });
    return { d, api, r1, routine, stat, mission, cancels };
  }

  const requeues = async (d: Durable, id: string) => (await d.tasks.history(id)).filter((e) => e.to === 'ready' && e.from !== 'requested').length;
  const completions = async (d: Durable, id: string) => (await d.tasks.history(id)).filter((e) => e.to === 'completed').length;

  it.each([
    ['the cancel FINISHED (it stands)', (m: Mission) => cancelled(m, true)],
    ['the order gone (it reports none)', () => idle('A')],
    ['the order ended unfinished, the cancel not in its state', (m: Mission) => ({ ...cancelled(m, true), actions: cancelled(m, true).actions!.filter((a) => a.type !== 'cancelOrder') })],
  ])('re-queues the task once, when the robot confirms: %s; the stat task gets the robot', async (_case, confirm) => {
    const { d, api, r1, routine, stat, mission, cancels } = await preempted();
    await reports(api, 'R1', cancelled(mission, false)); // stopping: the task stays with it
    await d.clock.advance(10);
    expect(await taskOf(d, routine.id)).toMatchObject({ robotId: r1 });
    expect(sentTo(d, r1)).toHaveLength(1);

    for (let i = 0; i < 3; i += 1) {
      await reports(api, 'R1', confirm(mission)); // repeated states change nothing twice
      await d.clock.advance(10);
    }
    expect(await requeues(d, routine.id)).toBe(1);
    expect((await d.tasks.history(routine.id)).find((e) => e.to === 'ready' && e.from !== 'requested')?.cause.reason).toBe('preempted for stat task stat');
    expect(sentTo(d, r1)[1]?.taskId).toBe(stat.id);
    expect(await taskOf(d, stat.id)).toMatchObject({ status: 'accepted', robotId: r1 });
    expect(cancels()).toBe(1);
  });

  it('resends a lost cancel, bounded, and the task stays with the robot meanwhile', async () => {
    const { d, api, r1, routine, mission, cancels } = await preempted();
    await live(api, 60_000, { R1: () => driving(mission) }); // the cancel never arrives
    expect(cancels()).toBe(3); // maxSends of the fixture's sender
    expect(await taskOf(d, routine.id)).toMatchObject({ robotId: r1 });
    expect(sentTo(d, r1)).toHaveLength(1);
    expect(await requeues(d, routine.id)).toBe(0);
  });

  it('does not count sends while the robot cannot hear them, and sends again when it is back', async () => {
    const { d, api, r1, routine, mission, cancels } = await preempted();
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    await d.clock.advance(20_000);
    expect(cancels()).toBe(1);
    await api.fleet.onConnection('M', 'R1', 'ONLINE');
    await live(api, 30_000, { R1: () => driving(mission) });
    expect(cancels()).toBe(3);
    expect(await taskOf(d, routine.id)).toMatchObject({ robotId: r1 });
  });

  it.each([
    ['the cancel was lost', (m: Mission) => running(m, 'FINISHED')],
    ['the cancel came after its work ended', (m: Mission) => ({ ...running(m, 'FINISHED'), actions: [...running(m, 'FINISHED').actions!, { id: cancelActionId(m.id), type: 'cancelOrder', status: 'FINISHED' as const }] })],
  ])('completes the task once, credited to the robot, never given to another, when the robot finishes it: %s; the stat task gets another robot', async (_case, finished) => {
    const { d, api, r1, routine, stat, mission } = await preempted();
    const r2 = await joins(api, 'R2', 'Q0');
    await live(api, 20_000, { R1: () => driving(mission), R2: () => idle('Q0') });
    expect(new Set(sentTo(d, r2).map((m) => m.taskId))).toEqual(new Set([stat.id])); // the stat task still gets a robot
    await reports(api, 'R1', finished(mission));
    await live(api, 20_000, { R1: () => finished(mission) });
    expect(await taskOf(d, routine.id)).toMatchObject({ status: 'completed', robotId: r1 });
    expect(await completions(d, routine.id)).toBe(1);
    expect(await requeues(d, routine.id)).toBe(0);
    expect(d.link.missions.filter((m) => m.taskId === routine.id)).toHaveLength(1);
  });

  it('after an api restart reads the cancel from the robot’s state: re-queued once, as preempted, not as a robot failure', async () => {
    const { d, api, r1, routine, mission } = await preempted();
    await reports(api, 'R1', cancelled(mission, false));
    api.shutdown();
    const again = await process(d);
    await again.boot();
    await again.fleet.onConnection('M', 'R1', 'ONLINE');
    await reports(again, 'R1', cancelled(mission, false));
    await d.clock.advance(10);
    expect(await taskOf(d, routine.id)).toMatchObject({ robotId: r1 });
    await reports(again, 'R1', cancelled(mission, true));
    await d.clock.advance(10);
    expect(await requeues(d, routine.id)).toBe(1);
    expect((await d.tasks.history(routine.id)).at(-1)?.cause.reason).toMatch(/preempted/);
    expect(again.failover.avoids(routine.id, r1)).toBe(false);
  });

  it('after an api restart with the cancel lost: the robot goes on and the task completes once', async () => {
    const { d, api, r1, routine, mission } = await preempted();
    api.shutdown();
    const again = await process(d);
    await again.boot();
    await again.fleet.onConnection('M', 'R1', 'ONLINE');
    await live(again, 10_000, { R1: () => driving(mission) });
    await live(again, 10_000, { R1: () => running(mission, 'FINISHED') });
    expect(await taskOf(d, routine.id)).toMatchObject({ status: 'completed', robotId: r1 });
    expect(await requeues(d, routine.id)).toBe(0);
  });

  it('a robot lost while its cancel is unconfirmed is handled as any lost robot (grace, then the queue)', async () => {
    const { d, api, r1, routine } = await preempted();
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    await d.clock.advance(WATCH.graceMs - 5_000);
    expect(await taskOf(d, routine.id)).toMatchObject({ robotId: r1 });
    await d.clock.advance(10_000);
    expect(await requeues(d, routine.id)).toBe(1);
    expect(api.registry.pendingCancel(r1)).toBeUndefined();
  });
});
