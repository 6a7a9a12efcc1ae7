import { Mutex } from 'async-mutex';
import { DomainErrorCode, loadFacility, type CarePlanInput, type Task } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import {
  InMemoryCarePlanStore,
  InMemoryResidentStore,
  InMemoryRobotStore,
  InMemoryStaffDirectory,
  InMemoryTaskStore,
  InMemoryWardStore,
  ManualClock,
  RecordingNotifier,
} from '../testing';
import { CareDirectoryService } from './care-directory.service';
import { CarePlanService } from './care-plan.service';
import { EscalationWatchService } from './escalation-watch.service';
import { FleetRegistry } from './fleet-registry';
import { StaffQueueService } from './staff-queue.service';
import type { StaffIdentity } from './staff-roles';

/** Small tests of care plans, the staff queue and escalation over fakes of the ports, on a manual clock. */
const nurse: StaffIdentity = { id: 'ewa', username: 'ewa', displayName: 'Ewa', role: 'nurse' };
const carer: StaffIdentity = { id: 'anna', username: 'anna', displayName: 'Anna', role: 'carer' };
const H = 3_600_000;

async function world(start = '2026-03-28T12:00:00+01:00') {
  const facility = loadFacility(smallFacilityJson());
  const clock = new ManualClock(Date.parse(start));
  const tasks = new InMemoryTaskStore();
  const notifier = new RecordingNotifier();
  const wards = new InMemoryWardStore();
  const residents = new InMemoryResidentStore();
  const plans = new InMemoryCarePlanStore(tasks);
  const registry = new FleetRegistry(new InMemoryRobotStore(), notifier);
  const mutex = new Mutex();
  const errors: Error[] = [];
  let n = 0;
  const ids = { next: () => `id${++n}` };
  const dispatch = { requests: 0, request() { this.requests += 1; } };
  const directory = new CareDirectoryService(wards, residents, new InMemoryStaffDirectory(), facility, clock, ids);
  const care = new CarePlanService(plans, wards, residents, tasks, registry, facility, clock, ids, notifier, dispatch, mutex, (e) => errors.push(e));
  directory.follow(care);
  const staff = new StaffQueueService(tasks, wards, registry, facility, clock, ids, notifier, dispatch, mutex);
  const watch = new EscalationWatchService(tasks, registry, staff, facility, clock, mutex, (e) => errors.push(e));
  await wards.save({ id: 'w1', name: 'Ward 1', rooms: ['101'], stationNode: 'H1' });
  const resident = await directory.admit({ displayName: 'Anna Kowalska', roomId: '101', bed: 1, careLevel: 'assisted' }, nurse);
  return { facility, clock, tasks, notifier, plans, registry, directory, care, staff, watch, resident, errors };
}

const vitals = (residentId: string): CarePlanInput => ({
  title: 'Morning vitals',
  residentId,
  rrule: 'FREQ=DAILY;BYHOUR=8',
  startsOn: '2026-01-01',
  leadMin: 30,
  windowMin: 60,
  activity: { type: 'vitals', priority: 'routine', atNode: '@room', action: 'measureVitals' },
});

const planTasks = (tasks: InMemoryTaskStore, planId: string): Task[] => tasks.all().filter((t) => t.carePlanId === planId).sort((a, b) => a.deadline! - b.deadline!);

describe('care plans raise tasks', () => {
  it('raises each occurrence in the horizon once, however often the horizon rolls (restart, second instance)', async () => {
    const w = await world();
    const plan = await w.care.create(vitals(w.resident.id), nurse);
    expect(planTasks(w.tasks, plan.id)).toHaveLength(1); // 29 March 08:00, the DST change day, is within 24 h
    const first = planTasks(w.tasks, plan.id)[0]!;
    expect(first).toMatchObject({ status: 'ready', residentId: w.resident.id, wardId: 'w1', spec: { kind: 'visit', atNode: 'R1' } });
    expect(new Date(first.deadline!).toISOString()).toBe('2026-03-29T07:00:00.000Z'); // 08:00 CEST + 60 min
    expect(await w.care.materialise()).toBe(0);
    const second = new CarePlanService(w.plans, new InMemoryWardStore(), new InMemoryResidentStore(), w.tasks, w.registry, w.facility, w.clock, { next: () => 'other' }, w.notifier, { request() {} }, new Mutex(), () => undefined);
    await expect(second.materialise()).resolves.toBe(0);
    await w.clock.advance(24 * H);
    expect(await w.care.materialise()).toBe(1);
    expect(planTasks(w.tasks, plan.id).map((t) => new Date(t.deadline!).toISOString())).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('editing a plan changes its future unstarted tasks in place and cancels occurrences that went away', async () => {
    const w = await world('2026-01-12T06:00:00+01:00');
    const plan = await w.care.create({ ...vitals(w.resident.id), rrule: 'FREQ=DAILY;BYHOUR=8,18' }, nurse);
    const [morning, evening] = planTasks(w.tasks, plan.id);
    await w.care.update(plan.id, { ...vitals(w.resident.id), rrule: 'FREQ=DAILY;BYHOUR=8', activity: { ...vitals(w.resident.id).activity, priority: 'urgent' } }, nurse);
    expect(await w.tasks.get(morning!.id)).toMatchObject({ status: 'ready', priority: 'urgent' });
    expect(await w.tasks.get(evening!.id)).toMatchObject({ status: 'cancelled' });
    expect((await w.tasks.history(evening!.id)).at(-1)?.cause).toMatchObject({ kind: 'staff', id: 'ewa' });
  });

  it('a resident who moves takes their future tasks along; discharge cancels them', async () => {
    const w = await world('2026-01-12T06:00:00+01:00');
    await w.directory.saveWard({ id: 'w1', name: 'Ward 1', rooms: ['101', '201'] }, nurse);
    const plan = await w.care.create(vitals(w.resident.id), nurse);
    await w.directory.update(w.resident.id, { displayName: 'Anna Kowalska', roomId: '201', bed: 1, careLevel: 'assisted' }, nurse);
    expect(planTasks(w.tasks, plan.id)[0]!.spec).toMatchObject({ atNode: 'R2' });
    await w.directory.discharge(w.resident.id, nurse);
    expect(planTasks(w.tasks, plan.id).map((t) => t.status)).toEqual(['cancelled']);
    expect((await w.plans.get(plan.id))?.active).toBe(false);
  });

  it('a refused plan leaves no trace: its activity checked as a task, its resident in care, a robot able to do it (was kept, then failed every roll)', async () => {
    const w = await world('2026-12-01T06:00:00+01:00');
    await w.registry.register({ manufacturer: 'M', serialNumber: '1', actions: ['pick', 'drop', 'measureVitals'] }, w.clock.now());
    const linen = { ...vitals(w.resident.id), rrule: 'FREQ=DAILY;BYHOUR=8', activity: { type: 'linen', priority: 'routine' as const, from: 'K', to: '@room', serviceS: null as unknown as number } };
    await expect(w.care.create(linen, nurse)).rejects.toMatchObject({ code: DomainErrorCode.CareInvalid, message: 'activity.serviceS: must be a non-negative number' });
    const moon = { ...vitals(w.resident.id), activity: { ...vitals(w.resident.id).activity, requires: ['flyToMoon'] } };
    await expect(w.care.create(moon, nurse)).rejects.toMatchObject({ code: DomainErrorCode.NoCapableRobot, target: 'activity.requires' });
    await expect(w.care.create({ ...vitals(w.resident.id), rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }, nurse)).rejects.toMatchObject({ code: DomainErrorCode.CareInvalid });
    const kept = await w.care.create(vitals(w.resident.id), nurse);
    await expect(w.care.update(kept.id, moon, nurse)).rejects.toMatchObject({ code: DomainErrorCode.NoCapableRobot });
    await w.directory.discharge(w.resident.id, nurse);
    await expect(w.care.create(vitals(w.resident.id), nurse)).rejects.toThrow(`residentId: resident ${w.resident.id} was discharged`);
    expect((await w.care.list({})).map((p) => [p.id, p.version])).toEqual([[kept.id, 2]]); // the discharge deactivated it
    expect(w.tasks.all().map((t) => t.carePlanId)).toEqual([kept.id]);
    expect(await w.care.materialise()).toBe(0);
    expect(w.errors).toEqual([]);
  });

  it('only nurses and managers change care plans', async () => {
    const w = await world();
    await expect(w.care.create(vitals(w.resident.id), carer)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
  });
});

describe('escalation to the ward staff queue', () => {
  it('a due task no robot can do goes to the ward queue after the grace, with an alert for the ward; staff claim and complete it', async () => {
    const w = await world('2026-01-12T07:45:00+01:00');
    const robot = await w.registry.register({ manufacturer: 'M', serialNumber: '1', actions: ['pick', 'drop', 'measureVitals'] }, w.clock.now());
    const plan = await w.care.create(vitals(w.resident.id), nurse);
    // its factsheet lists no measureVitals any more (a plan whose activity no robot can do is refused when made)
    await w.registry.update(robot.id, (r) => ({ ...r, actions: ['pick', 'drop'] }), w.clock.now());
    const [task] = planTasks(w.tasks, plan.id);
    expect(await w.watch.check()).toBe(0);
    await w.clock.advance(61_000);
    expect(await w.watch.check()).toBe(1);
    expect(await w.tasks.get(task!.id)).toMatchObject({ performer: 'staff', status: 'ready', escalation: { reason: 'no-capable-robot' } });
    expect(w.notifier.alerts).toEqual([expect.objectContaining({ kind: 'task-escalated', wardId: 'w1', taskId: task!.id })]);
    expect((await w.staff.queue(['w1'])).map((t) => t.id)).toEqual([task!.id]);
    expect(await w.staff.queue(['w2'])).toEqual([]);
    await w.staff.claim(task!.id, carer);
    await expect(w.staff.complete(task!.id, nurse)).rejects.toMatchObject({ code: DomainErrorCode.CareConflict });
    expect(await w.staff.complete(task!.id, carer, 'done at 08:10')).toMatchObject({ status: 'completed', staffId: 'anna' });
  });

  it('a task about to miss its deadline goes to staff; handed back, it is not escalated again by the rules', async () => {
    const w = await world('2026-01-12T08:58:00+01:00'); // due 09:00; a robot needs about 1.5 min, the margin is 2
    const robot = await w.registry.register({ manufacturer: 'M', serialNumber: '1', actions: ['measureVitals'] }, w.clock.now());
    await w.registry.update(robot.id, (r) => ({ ...r, connection: 'ONLINE', lastNodeId: 'A' }), w.clock.now());
    await w.care.create(vitals(w.resident.id), nurse);
    const [task] = w.tasks.all();
    expect(await w.watch.check()).toBe(1);
    expect((await w.tasks.get(task!.id))?.escalation?.reason).toBe('deadline-at-risk');
    await w.staff.handBack(task!.id, nurse);
    expect(await w.tasks.get(task!.id)).toMatchObject({ status: 'ready', escalation: { reason: 'deadline-at-risk' } });
    expect((await w.tasks.get(task!.id))?.performer).toBeUndefined();
    expect(await w.watch.check()).toBe(0);
  });

  it('a robot that blinks offline within the grace does not send the task to staff', async () => {
    const w = await world('2026-01-12T07:45:00+01:00');
    const robot = await w.registry.register({ manufacturer: 'M', serialNumber: '1', actions: ['measureVitals'] }, w.clock.now());
    await w.care.create(vitals(w.resident.id), nurse);
    expect(await w.watch.check()).toBe(0); // offline (UNKNOWN): the grace starts
    await w.clock.advance(30_000);
    await w.registry.update(robot.id, (r) => ({ ...r, connection: 'ONLINE', lastNodeId: 'A' }), w.clock.now());
    expect(await w.watch.check()).toBe(0);
    await w.registry.update(robot.id, (r) => ({ ...r, connection: 'OFFLINE' }), w.clock.now());
    expect(await w.watch.check()).toBe(0);
    await w.clock.advance(45_000);
    expect(await w.watch.check()).toBe(0); // 45 s without a robot: still within the grace
    await w.clock.advance(20_000);
    expect(await w.watch.check()).toBe(1);
  });

  it('staff-only tasks go straight to the queue of the ward of their room', async () => {
    const w = await world();
    const task = await w.staff.create({ type: 'reposition', priority: 'routine', atNode: 'R1', action: 'reposition', residentId: w.resident.id }, carer);
    expect(task).toMatchObject({ performer: 'staff', wardId: 'w1', status: 'ready' });
    expect((await w.staff.queue(['w1'])).map((t) => t.id)).toEqual([task.id]);
  });
});
