import { Mutex } from 'async-mutex';
import { DEFAULT_DISPATCH_CONFIG, loadFacility, type DispatchDecision, type DispatchPolicy } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { InMemoryRobotStore, InMemoryTaskStore, ManualClock, RecordingNotifier, RecordingRobotLink } from '../testing';
import { DispatchService } from './dispatch.service';
import { FleetRegistry } from './fleet-registry';
import { MissionSender } from './mission-sender';
import { TaskService } from './task.service';

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
  const dispatch = new DispatchService(tasks, registry, link, policy, facility, DEFAULT_DISPATCH_CONFIG, clock, notifier, mutex, sender, (e) => errors.push(e));
  let n = 0;
  const service = new TaskService(tasks, registry, link, facility, clock, { next: () => `t${++n}` }, notifier, { request: () => undefined }, mutex);
  const robot = await registry.register({ manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] }, clock.now());
  await registry.update(robot.id, (r) => ({ ...r, connection: 'ONLINE', lastNodeId: 'A', battery: 90 }), clock.now());
  return { clock, tasks, link, notifier, registry, dispatch, service, policy, robotId: robot.id, errors };
}

const STAFF = { kind: 'staff', id: 'nurse' } as const;
const route = { nodes: ['A'], durationS: 0, distanceM: 0, elevatorRides: [] };

describe('preemption in DispatchService (fakes)', () => {
  it('puts the routine task back in the queue, then cancels the robot’s order; the robot takes no order until it stands', async () => {
    const w = await world();
    const routine = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    const stat = await w.service.create({ type: 'meal', priority: 'stat', from: 'B', to: 'R1' }, STAFF);
    w.policy.next = [{ kind: 'assign', taskId: routine.id, robotId: w.robotId, route, finishAt: 0 }];
    await w.dispatch.runOnce();
    expect((await w.tasks.get(routine.id))?.status).toBe('accepted');

    w.policy.next = [
      { kind: 'preempt', robotId: w.robotId, taskId: routine.id, forTaskId: stat.id },
      // the same round may want to give the stat task to that robot: it is settling, so it must wait
      { kind: 'assign', taskId: stat.id, robotId: w.robotId, route, finishAt: 0 },
    ];
    expect(await w.dispatch.runOnce()).toBe(1);
    const requeued = await w.tasks.get(routine.id);
    expect(requeued).toMatchObject({ status: 'ready', statusReason: `preempted for stat task ${stat.id}` });
    expect(requeued?.robotId).toBeUndefined();
    expect(w.link.instants).toEqual([{ robotId: w.robotId, command: { kind: 'cancel' } }]);
    expect(w.registry.get(w.robotId)).toMatchObject({ working: true });
    expect(w.registry.get(w.robotId)?.currentTaskId).toBeUndefined();
    expect((await w.tasks.get(stat.id))?.status).toBe('ready');
    expect(w.link.missions).toHaveLength(1);

    // the robot reports that it stands with nothing running: now it may take the stat task
    await w.registry.update(w.robotId, (r) => ({ ...r, working: false, driving: false }), w.clock.now());
    w.policy.next = [{ kind: 'assign', taskId: stat.id, robotId: w.robotId, route, finishAt: 0 }];
    await w.dispatch.runOnce();
    expect((await w.tasks.get(stat.id))?.status).toBe('accepted');
    expect(w.link.missions.map((m) => m.taskId)).toEqual([routine.id, stat.id]);
    expect((await w.tasks.history(routine.id)).map((e) => e.to)).toEqual(['requested', 'ready', 'accepted', 'ready']);
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
