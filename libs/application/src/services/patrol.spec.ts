import { Mutex } from 'async-mutex';
import { DomainErrorCode, loadFacility, transition } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { InMemoryRobotStore, InMemoryTaskStore, InMemoryWardStore, ManualClock, RecordingNotifier } from '../testing';
import { FleetRegistry } from './fleet-registry';
import { PatrolService } from './patrol.service';
import type { StaffIdentity } from './staff-roles';
import { TaskService } from './task.service';

/** Small tests of night patrols over fakes of the ports: creating one, and a robot's finding becoming a stat alert. */
const nurse: StaffIdentity = { id: 'ewa', username: 'ewa', displayName: 'Ewa', role: 'nurse' };
const T0 = Date.parse('2026-11-23T23:00:00+01:00');

async function world() {
  const json = smallFacilityJson();
  const facility = loadFacility({ ...json, rooms: (json.rooms as { id: string }[]).map((r) => (r.id === '201' ? { ...r, noCamera: true } : r)) });
  const clock = new ManualClock(T0);
  const store = new InMemoryTaskStore();
  const notifier = new RecordingNotifier();
  const registry = new FleetRegistry(new InMemoryRobotStore(), notifier);
  const wards = new InMemoryWardStore();
  await wards.save({ id: 'w1', name: 'Ward 1', rooms: ['101'] });
  await wards.save({ id: 'w2', name: 'Ward 2', rooms: ['201'] });
  let n = 0;
  const tasks = new TaskService(store, registry, facility, clock, { next: () => `t${++n}` }, notifier, { request() {} }, new Mutex(), { withdraw: async () => undefined });
  const robot = await registry.register({ manufacturer: 'Acme', serialNumber: 'P-1', actions: ['patrolCheck', 'presenceCheck'] }, T0);
  const patrols = new PatrolService(tasks, store, wards, registry, facility, clock, notifier);
  /** The robot takes the task, as the dispatcher would. */
  const assign = async (taskId: string) => {
    const task = (await store.get(taskId))!;
    const { task: accepted, event } = transition(task, 'accepted', { now: clock.now(), cause: { kind: 'system' }, robotId: robot.id });
    await store.save(accepted, [event], task.updatedAt);
    await registry.update(robot.id, (r) => ({ ...r, currentTaskId: taskId }), clock.now());
  };
  return { patrols, store, notifier, robot, assign, tasks };
}

describe('night patrol', () => {
  it('creates one urgent patrol task through the ward\'s rooms, leaving out a no-camera room and saying so', async () => {
    const w = await world();
    const { task, skipped } = await w.patrols.create({ rooms: ['201', '101'] }, nurse);
    expect(task).toMatchObject({ type: 'patrol', priority: 'urgent', status: 'ready', wardId: 'w1', spec: { kind: 'patrol', stops: [{ node: 'R1', action: 'patrolCheck' }] } });
    expect(task.note).toMatch(/no camera.*201/);
    expect(skipped).toEqual([{ roomId: '201', reason: 'no-camera' }]);
    const byWard = await w.patrols.create({ wardId: 'w1' }, nurse);
    expect(byWard.task.spec).toEqual({ kind: 'patrol', stops: [{ node: 'R1', action: 'patrolCheck' }] });
    await expect(w.patrols.create({ wardId: 'w2' }, nurse)).rejects.toMatchObject({ code: DomainErrorCode.CareInvalid });
    await expect(w.patrols.create({ wardId: 'nope' }, nurse)).rejects.toMatchObject({ code: DomainErrorCode.WardNotFound });
    await expect(w.patrols.create({}, nurse)).rejects.toMatchObject({ code: DomainErrorCode.CareInvalid });
  });

  it('turns a finding on a patrol into one stat alert for the ward of the room, without naming anyone', async () => {
    const w = await world();
    const { task } = await w.patrols.create({ rooms: ['101'] }, nurse);
    await w.assign(task.id);
    expect(await w.patrols.onNotices(w.robot.id, [{ type: 'batteryLow' }], 'R1')).toBe(0);
    expect(await w.patrols.onNotices(w.robot.id, [{ type: 'fallDetected', description: 'person on the floor' }], 'R1')).toBe(1);
    // Robots repeat their errors in every state message: the same finding raises nothing more.
    expect(await w.patrols.onNotices(w.robot.id, [{ type: 'fallDetected' }], 'R1')).toBe(0);
    expect(w.notifier.alerts).toEqual([
      expect.objectContaining({ kind: 'patrol-finding', severity: 'stat', wardId: 'w1', roomId: '101', taskId: task.id, robotId: w.robot.id, message: expect.stringMatching(/room 101: fallDetected/) }),
    ]);
  });

  it('ignores the same notices from a robot that is not on a patrol', async () => {
    const w = await world();
    const visit = await w.tasks.create({ type: 'check', priority: 'routine', atNode: 'R1', action: 'presenceCheck' }, { kind: 'system' });
    await w.assign(visit.id);
    expect(await w.patrols.onNotices(w.robot.id, [{ type: 'fallDetected', nodeId: 'R1' }])).toBe(0);
    expect(w.notifier.alerts).toEqual([]);
  });
});
