import { Mutex } from 'async-mutex';
import { DEFAULT_DISPATCH_CONFIG, DomainErrorCode, EarliestFinishPolicy, type Task } from '@opiekun/domain';
import type { Mission, RobotReport } from '../ports/robot-link.port';
import { InMemoryCustodyStore, InMemoryStaffDirectory, InMemoryWardStore, RecordingNotifier } from '../testing';
import { custodyHandBackRefusal, custodyHold, CustodyMissionFactory, type CustodyOptions } from './custody-missions';
import { CustodyService } from './custody.service';
import { DispatchService } from './dispatch.service';
import { FleetRegistry } from './fleet-registry';
import { FleetService } from './fleet.service';
import { LoadReturn } from './load-return';
import { MissionSender } from './mission-sender';
import { decidedMissions, OrderReconciler } from './order-reconciler';
import { InlineDispatchPlanner } from './refusal-aware-planning';
import { durable, taskOf } from './resilience-world.fixture';
import { StaffQueueService } from './staff-queue.service';
import type { StaffIdentity } from './staff-roles';
import { TaskFailover } from './task-failover';
import { TaskService } from './task.service';

const OPTIONS: CustodyOptions = { taskTypes: ['medication'], handoverTimeoutMs: 10 * 60_000 };
const NURSE: StaffIdentity = { id: 'n1', username: 'ania', displayName: 'Ania', role: 'nurse' };
const CARER: StaffIdentity = { id: 'c1', username: 'basia', displayName: 'Basia', role: 'carer' };
const SERIAL = 'med-1';
const ROBOT = `M:${SERIAL}`;

async function world() {
  const d = durable();
  const { clock, tasks, link, facility } = d;
  const notifier = new RecordingNotifier();
  const registry = new FleetRegistry(d.robots, notifier);
  const mutex = new Mutex();
  const onError = (e: Error) => {
    throw e;
  };
  const sender = new MissionSender(link, clock, onError, { resendAfterMs: 2_000, maxSends: 3 }, () => true);
  const ids = { next: () => `t${++d.ids}` };
  const trigger = { request: () => undefined };
  const staffQueue = new StaffQueueService(tasks, new InMemoryWardStore(), registry, facility, clock, ids, notifier, trigger, mutex);
  const log = new InMemoryCustodyStore();
  const staysWithStaff = (task: Task, robotId: string) => custodyHold(log, task, robotId, OPTIONS);
  staffQueue.refuseHandBackWhen((task) => custodyHandBackRefusal(log, task, OPTIONS));
  const failover = new TaskFailover(tasks, registry, sender, staffQueue, clock, notifier, trigger, { maxAttempts: 3, staysWithStaff });
  const factory = new CustodyMissionFactory(facility, OPTIONS);
  const dispatch = new DispatchService(tasks, registry, link, new InlineDispatchPlanner(new EarliestFinishPolicy(), facility, failover), facility, DEFAULT_DISPATCH_CONFIG, clock, notifier, mutex, sender, onError, factory, failover);
  const reconciler = new OrderReconciler(tasks, registry, link, sender, clock, onError, decidedMissions(tasks, factory));
  const fleet = new FleetService(tasks, registry, link, clock, notifier, trigger, mutex, sender, { autoRegister: true, factsheetRetryMs: 10_000 }, failover, reconciler);
  const staff = new InMemoryStaffDirectory();
  staff.members.set(NURSE.id, { ...NURSE, wardIds: [] });
  staff.members.set(CARER.id, { ...CARER, wardIds: [] });
  const returns = new LoadReturn(tasks, log, registry, link, sender, factory, staffQueue, facility, clock);
  const custody = new CustodyService(tasks, log, tasks, registry, link, staff, returns, clock, notifier, mutex, OPTIONS);
  fleet.onMissionReport((robot, report) => custody.onReport(robot, report));
  const service = new TaskService(tasks, registry, facility, clock, ids, notifier, dispatch, mutex, reconciler, undefined, custody);

  const report = (r: Partial<RobotReport>) => fleet.onState('M', SERIAL, { robotId: ROBOT, at: clock.now(), battery: 90, ...r });
  await fleet.register({ manufacturer: 'M', serialNumber: SERIAL, actions: ['pick', 'drop', 'deliverMedication', 'waitForTrigger'] });
  await fleet.onConnection('M', SERIAL, 'ONLINE');
  await report({ lastNodeId: 'A', missionId: '', pendingNodes: [], actions: [], driving: false });
  const task = await service.create({ type: 'medication', priority: 'urgent', from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'deliverMedication' }, { kind: 'staff', id: NURSE.id });
  await dispatch.runOnce();
  const mission = link.missions.at(-1)!;
  return { d, link, clock, notifier, custody, log, task, mission, report, fleet, registry, staffQueue, failover, service, dispatch, taskOf: () => taskOf(d, task.id) };
}

type Status = 'WAITING' | 'RUNNING' | 'FINISHED' | 'FAILED';

/**
 * The robot standing at `node` of `mission`: every action before it FINISHED, its wait and its work with the given
 * statuses, the rest WAITING; a finished wait carries `result` (who confirmed on the robot).
 */
function at(mission: Mission, node: string, wait: Status, work: Status = 'WAITING', result?: string): Partial<RobotReport> {
  const index = mission.nodes.findIndex((n) => n.nodeId === node);
  const actions = mission.nodes.flatMap((n, i) =>
    n.actions.map((a) => {
      const status: Status = i < index ? 'FINISHED' : i > index ? 'WAITING' : a.type === 'waitForTrigger' ? wait : work;
      return { id: a.id, type: a.type, status, ...(result && a.type === 'waitForTrigger' && i === index && status === 'FINISHED' ? { result } : {}) };
    }),
  );
  return { lastNodeId: node, missionId: mission.id, pendingNodes: mission.nodes.slice(index + 1).map((n) => n.nodeId), driving: false, actions };
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );
}

describe('medication handover with chain of custody', () => {
  it('refuses to cancel a delivery while its medication is on the robot, saying why; before loading it cancels', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'RUNNING'));
    await w.custody.confirmLoad(w.task.id, NURSE);
    await w.clock.advance(30_000);
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await expect(w.service.cancel(w.task.id, { kind: 'staff', id: NURSE.id })).rejects.toThrow(/cannot be cancelled while its medication is on robot .* \(custody: awaiting-handover\)/);
    expect((await w.taskOf()).status).toBe('on-hold');
    expect(w.link.instants.filter((i) => i.command.kind === 'cancel')).toHaveLength(0);

    const before = await world();
    await before.report(at(before.mission, 'K', 'RUNNING'));
    expect((await before.service.cancel(before.task.id, { kind: 'staff', id: NURSE.id })).status).toBe('cancelled');
  });

  it('takes a robot out of service, once, when a nurse opened it at the pharmacy as its delivery was being cancelled', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'RUNNING'));
    expect((await w.service.cancel(w.task.id, { kind: 'staff', id: NURSE.id })).status).toBe('cancelled');
    // the nurse's confirmation on the robot crossed the cancel: its wait FINISHED, the medication may be in the drawer
    await w.report(at(w.mission, 'K', 'FINISHED', 'FAILED', 'staff:n1'));
    expect(w.registry.get(ROBOT)?.inService).toBe(false);
    const alert = w.notifier.alerts.find((a) => a.id === `custody-opened-after-cancel-${w.task.id}-${ROBOT}`);
    expect(alert?.message).toMatch(/after the task was cancelled \(staff:n1\): it may carry the medication/);
    // put back in service by staff after unloading: the same old report does not take it out again
    await w.registry.update(ROBOT, (r) => ({ ...r, inService: true }), w.clock.now(), true);
    await w.report(at(w.mission, 'K', 'FINISHED', 'FAILED', 'staff:n1'));
    expect(w.registry.get(ROBOT)?.inService).toBe(true);
  });

  it('leaves in service a robot whose cancelled delivery a nurse had already received (nothing of it on board)', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'FINISHED', 'RUNNING', 'staff:n1'));
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived', 'received']);
    expect((await w.service.cancel(w.task.id, { kind: 'staff', id: NURSE.id })).status).toBe('cancelled');
    await w.report(at(w.mission, 'R1', 'FINISHED', 'FAILED', 'staff:n1'));
    expect(w.registry.get(ROBOT)?.inService).toBe(true);
    expect(w.notifier.alerts.some((a) => a.id.startsWith('custody-opened-after-cancel'))).toBe(false);
  });

  it('gives a delivery only to a robot that can wait for a person (waitForTrigger): one without it would refuse the order', async () => {
    const w = await world();
    // a second robot, nearer to the pharmacy, with every action of the task but no waitForTrigger
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'plain', actions: ['pick', 'drop', 'deliverMedication'] });
    await w.fleet.onConnection('M', 'plain', 'ONLINE');
    await w.fleet.onState('M', 'plain', { robotId: 'M:plain', at: w.clock.now(), battery: 90, lastNodeId: 'K', missionId: '', pendingNodes: [], actions: [], driving: false });
    const next = await w.service.create({ type: 'medication', priority: 'urgent', from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'deliverMedication' }, { kind: 'staff', id: NURSE.id });
    await w.dispatch.runOnce();
    expect(w.link.missions.filter((m) => m.robotId === 'M:plain')).toHaveLength(0);
    expect((await w.d.tasks.get(next.id))?.status).toBe('ready');
  });

  it('puts a wait for a person before the pick at the pharmacy and before the drop at the room', async () => {
    const { mission } = await world();
    const kinds = mission.nodes.filter((n) => n.actions.some((a) => a.type !== 'initPosition')).map((n) => [n.nodeId, n.actions.map((a) => `${a.type}${a.parameters?.triggerType ? `:${a.parameters.triggerType}` : ''}`)]);
    expect(kinds).toEqual([
      ['K', ['waitForTrigger:custodyLoad', 'pick']],
      ['R1', ['waitForTrigger:custodyHandover', 'deliverMedication']],
    ]);
  });

  it('completes only after a nurse took it on the dashboard; every step in the log', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'RUNNING'));
    expect(await code(w.custody.confirmLoad(w.task.id, CARER))).toBe(DomainErrorCode.Forbidden);
    expect(await code(w.custody.confirmHandover(w.task.id, NURSE))).toBe(DomainErrorCode.CareConflict);
    await w.custody.confirmLoad(w.task.id, NURSE);
    const load = w.mission.nodes.find((n) => n.nodeId === 'K')!.actions[0].id;
    expect(w.link.instants.at(-1)).toEqual({ robotId: ROBOT, command: { kind: 'releaseTrigger', actionId: load } });

    await w.clock.advance(60_000);
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    expect((await w.taskOf()).status).toBe('on-hold');
    // The drop finishing without a handover cannot happen on a well-behaved robot; the task waits on hold meanwhile.
    expect(await code(w.custody.confirmHandover(w.task.id, CARER))).toBe(DomainErrorCode.Forbidden);
    await w.clock.advance(30_000);
    await w.custody.confirmHandover(w.task.id, NURSE);
    expect((await w.taskOf()).status).toBe('in-progress');
    await w.report(at(w.mission, 'R1', 'FINISHED', 'FINISHED'));
    expect((await w.taskOf()).status).toBe('completed');

    const steps = (await w.custody.log(w.task.id)).map((e) => [e.step, e.nodeId, e.staffId ?? e.robotId, e.via]);
    expect(steps).toEqual([
      ['loaded', 'K', 'n1', 'dashboard'],
      ['arrived', 'R1', ROBOT, 'robot'],
      ['received', 'R1', 'n1', 'dashboard'],
    ]);
  });

  it('refuses a confirmation on the dashboard for a robot that cannot be released from it, recording nothing: the nurse confirms on the robot', async () => {
    const w = await world();
    // a vendor's vehicle: waitForTrigger on nodes, but no releaseTrigger among its instant actions
    await w.fleet.onFactsheet('M', SERIAL, { actions: ['pick', 'drop', 'deliverMedication', 'waitForTrigger'], instantActions: ['cancelOrder', 'startPause', 'stopPause'] });
    await w.report(at(w.mission, 'K', 'RUNNING'));
    await expect(w.custody.confirmLoad(w.task.id, NURSE)).rejects.toThrow(/cannot be released from the dashboard .*releaseTrigger.*: confirm on the robot itself/);
    expect(await w.custody.log(w.task.id)).toEqual([]);
    expect(w.link.instants.filter((i) => i.command.kind === 'releaseTrigger')).toHaveLength(0);
    // … and the confirmation made on the robot is taken as before
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', `staff:${NURSE.id}`));
    expect((await w.custody.log(w.task.id)).map((e) => [e.step, e.via])).toEqual([['loaded', 'robot']]);
  });

  it('carries a delivery typed with another case ("Medication") under custody all the same', async () => {
    const w = await world();
    const typed = await w.service.create({ type: 'Medication', priority: 'urgent', from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'deliverMedication' }, { kind: 'staff', id: NURSE.id });
    expect(await w.custody.log(typed.id)).toEqual([]);
    await w.clock.advance(1_000);
    await w.report({ ...at(w.mission, 'R1', 'FINISHED', 'FINISHED'), lastNodeId: 'R1' });
    await w.dispatch.runOnce();
    const mission = w.link.missions.find((m) => m.taskId === typed.id);
    expect(mission?.nodes.flatMap((n) => n.actions.map((a) => a.type))).toContain('waitForTrigger');
  });

  it('sends the release again while the robot still waits after a confirmation on the dashboard (the first one was lost)', async () => {
    const w = await world();
    const releases = () => w.link.instants.filter((i) => i.command.kind === 'releaseTrigger').length;
    await w.report(at(w.mission, 'K', 'RUNNING'));
    await w.custody.confirmLoad(w.task.id, NURSE);
    expect(releases()).toBe(1);
    // The instant action went out while the broker was down: the robot keeps waiting at the pharmacy.
    await w.clock.advance(500);
    await w.report(at(w.mission, 'K', 'RUNNING'));
    expect(releases()).toBe(1);
    await w.clock.advance(2_000);
    await w.report(at(w.mission, 'K', 'RUNNING'));
    expect(releases()).toBe(2);
    const load = w.mission.nodes.find((n) => n.nodeId === 'K')!.actions[0].id;
    expect(w.link.instants.at(-1)).toEqual({ robotId: ROBOT, command: { kind: 'releaseTrigger', actionId: load } });
    await w.clock.advance(2_000);
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING'));
    await w.clock.advance(2_000);
    await w.report(at(w.mission, 'K', 'FINISHED', 'FINISHED'));
    expect(releases()).toBe(2);
    // At the room, nothing is released before a nurse confirms.
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await w.clock.advance(5_000);
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    expect(releases()).toBe(2);
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived']);
  });

  it('sends a robot that fails with the medication on board to staff, never the task to another robot', async () => {
    const w = await world();
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'med-2', actions: ['pick', 'drop', 'deliverMedication', 'waitForTrigger'] });
    await w.fleet.onConnection('M', 'med-2', 'ONLINE');
    await w.fleet.onState('M', 'med-2', { robotId: 'M:med-2', at: w.clock.now(), battery: 90, lastNodeId: 'A', missionId: '', pendingNodes: [], actions: [], driving: false });
    await w.report(at(w.mission, 'K', 'RUNNING'));
    await w.custody.confirmLoad(w.task.id, NURSE);
    const missions = w.link.missions.length;
    // Loaded, then the pick fails: the medication is in this robot's drawer.
    await w.report(at(w.mission, 'K', 'FINISHED', 'FAILED'));
    const task = await w.taskOf();
    expect(task.performer).toBe('staff');
    expect(task.escalation?.detail).toMatch(/must not be left/);
    expect(w.link.missions.length).toBe(missions);
    // freed of the task, it would be given other work with the medication in its drawer: out of service until unloaded
    expect(w.registry.get(ROBOT)?.inService).toBe(false);
    expect(w.notifier.alerts.find((a) => a.id === `robot-holds-load-${ROBOT}-${w.task.id}`)?.message).toMatch(/Take the load out of it/);
    await w.report(at(w.mission, 'K', 'FINISHED', 'FAILED'));
    await w.report({ lastNodeId: 'K', missionId: '', pendingNodes: [], actions: [], driving: false });
    const meal = await w.service.create({ type: 'meal', priority: 'stat', from: 'K', to: 'R1' }, { kind: 'staff', id: NURSE.id });
    await w.dispatch.runOnce();
    expect(w.link.missions.filter((m) => m.taskId === meal.id).map((m) => m.robotId)).toEqual(['M:med-2']);
  });

  it('sends a delivery a nurse received to staff when the robot then fails, never to another robot', async () => {
    const w = await world();
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'med-2', actions: ['pick', 'drop', 'deliverMedication', 'waitForTrigger'] });
    await w.fleet.onConnection('M', 'med-2', 'ONLINE');
    await w.fleet.onState('M', 'med-2', { robotId: 'M:med-2', at: w.clock.now(), battery: 90, lastNodeId: 'A', missionId: '', pendingNodes: [], actions: [], driving: false });
    await w.report(at(w.mission, 'K', 'RUNNING'));
    await w.custody.confirmLoad(w.task.id, NURSE);
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await w.custody.confirmHandover(w.task.id, NURSE);
    const missions = w.link.missions.length;
    await w.report(at(w.mission, 'R1', 'FINISHED', 'FAILED'));
    const task = await w.taskOf();
    expect(task.performer).toBe('staff');
    expect(task.escalation?.detail).toMatch(/a nurse already received/);
    expect(w.link.missions.length).toBe(missions);
    expect(w.registry.get(ROBOT)?.inService).toBe(true); // the load is with the nurse
  });

  it('sends a delivery to staff, and takes its robot out of service, when the robot drops its order while it waits at the room with the load', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    expect((await w.taskOf()).status).toBe('on-hold');
    // switched to manual mode at the room: the vehicle clears its order (same orderId, no actions left)
    await w.report({ lastNodeId: 'R1', missionId: w.mission.id, pendingNodes: [], actions: [], driving: false, operatingMode: 'MANUAL' });
    const task = await w.taskOf();
    expect(task).toMatchObject({ performer: 'staff', escalation: { reason: 'robot-failed' } });
    expect(task.escalation?.detail).toMatch(/must not be left/);
    expect(w.registry.get(ROBOT)).toMatchObject({ inService: false, currentTaskId: undefined });
    // the handover's timeout later finds nothing on hold: no return is started on a robot it no longer has
    const missions = w.link.missions.length;
    await w.clock.advance(OPTIONS.handoverTimeoutMs);
    expect(await w.custody.checkOverdue()).toBe(0);
    expect(w.link.missions.length).toBe(missions);
    // the ward cannot hand it back to the fleet while the medication is at the room: a robot would wait at the
    // pharmacy for a load that is not there
    const refused = await w.staffQueue.handBack(w.task.id, NURSE).then(() => undefined, (e: { code?: string; message: string }) => e);
    expect(refused).toMatchObject({ code: DomainErrorCode.TaskTransitionInvalid, message: expect.stringMatching(/not at the pharmacy \(custody: awaiting-handover\)/) });
    expect((await w.taskOf()).performer).toBe('staff');
  });

  it('still lets another robot take a delivery nobody loaded yet when the first one fails', async () => {
    const w = await world();
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'med-2', actions: ['pick', 'drop', 'deliverMedication', 'waitForTrigger'] });
    await w.fleet.onConnection('M', 'med-2', 'ONLINE');
    await w.fleet.onState('M', 'med-2', { robotId: 'M:med-2', at: w.clock.now(), battery: 90, lastNodeId: 'A', missionId: '', pendingNodes: [], actions: [], driving: false });
    await w.report(at(w.mission, 'K', 'FAILED'));
    const task = await w.taskOf();
    expect(task.performer).toBeUndefined();
    expect(task.status).toBe('ready');
  });

  it('takes a confirmation made on the robot (the nurse named in its trigger result)', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await w.report(at(w.mission, 'R1', 'FINISHED', 'RUNNING', 'staff:n1'));
    expect((await w.taskOf()).status).toBe('in-progress');
    expect((await w.custody.log(w.task.id)).map((e) => [e.step, e.via, e.staffId])).toEqual([
      ['loaded', 'robot', 'n1'],
      ['arrived', 'robot', undefined],
      ['received', 'robot', 'n1'],
    ]);
    expect(w.link.instants.filter((i) => i.command.kind === 'releaseTrigger')).toHaveLength(0);
  });

  it('takes the arrival and the nurse’s confirmation from one report (the state with the wait RUNNING was lost), and the task goes on to complete', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'FINISHED', 'RUNNING', 'staff:n1'));
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived', 'received']);
    expect((await w.taskOf()).status).toBe('in-progress');
    await w.report(at(w.mission, 'R1', 'FINISHED', 'FINISHED'));
    expect((await w.taskOf()).status).toBe('completed');
  });

  it('takes the load back when one report shows the robot arrived and opened by someone who is not a nurse', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'FINISHED', 'RUNNING', 'staff:c1'));
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived', 'handover-missed']);
    expect(w.link.missions.at(-1)!.taskId).toBe(`${w.task.id}~return`);
  });

  it('alerts once when a robot at the pharmacy was opened by someone who is not a nurse, however many states repeat it', async () => {
    const w = await world();
    for (let i = 0; i < 3; i++) {
      await w.report(at(w.mission, 'K', 'FINISHED', 'WAITING', 'staff:c1'));
      await w.clock.advance(1_000);
    }
    // (the alert service keeps one alert per id)
    expect(new Set(w.notifier.alerts.filter((a) => a.id.startsWith(`custody-refused-${w.task.id}`)).map((a) => a.id)).size).toBe(1);
    expect(await w.custody.log(w.task.id)).toEqual([]);
  });

  it('escalates a missed handover to the ward and sends the load back to the pharmacy on the same robot', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await w.clock.advance(OPTIONS.handoverTimeoutMs - 1);
    expect(await w.custody.checkOverdue()).toBe(0);
    await w.clock.advance(1);
    expect(await w.custody.checkOverdue()).toBe(1);

    const delivery = await w.taskOf();
    expect(delivery).toMatchObject({ status: 'ready', performer: 'staff', escalation: { reason: 'handover-missed' } });
    expect(w.notifier.alerts.some((a) => a.kind === 'task-escalated' && a.taskId === w.task.id)).toBe(true);
    expect(w.link.instants.at(-1)).toEqual({ robotId: ROBOT, command: { kind: 'cancel' } });
    const back = w.link.missions.at(-1)!;
    expect(back).toMatchObject({ robotId: ROBOT, taskId: `${w.task.id}~return` });
    expect(back.nodes.at(-1)).toMatchObject({ nodeId: 'K' });
    expect(back.nodes.at(-1)!.actions.map((a) => a.type)).toEqual(['waitForTrigger', 'drop']);
    // the return was stored assigned, with its mission, in one write: never seen unassigned by the dispatcher
    expect(w.d.tasks.writes.filter((write) => write.taskId === `${w.task.id}~return`)).toEqual([{ kind: 'insert', taskId: `${w.task.id}~return`, status: 'accepted', mission: back.id }]);

    // Back at the pharmacy a nurse takes the load; then the return completes.
    await w.report(at(back, 'K', 'RUNNING'));
    expect(await code(w.custody.confirmReturn(w.task.id, CARER))).toBe(DomainErrorCode.Forbidden);
    await w.custody.confirmReturn(w.task.id, NURSE);
    await w.report(at(back, 'K', 'FINISHED', 'FINISHED'));
    expect((await taskOf(w.d, `${w.task.id}~return`)).status).toBe('completed');
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived', 'handover-missed', 'returned']);
  });

  it('takes the load back again, as a return of its own, when a delivery the ward handed back misses its handover a second time', async () => {
    const w = await world();
    const missAt = async (mission: Mission) => {
      await w.report(at(mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
      await w.report(at(mission, 'R1', 'RUNNING'));
      await w.clock.advance(OPTIONS.handoverTimeoutMs);
      expect(await w.custody.checkOverdue()).toBe(1);
      const back = w.link.missions.at(-1)!;
      await w.report(at(back, 'K', 'RUNNING'));
      await w.custody.confirmReturn(w.task.id, NURSE);
      await w.report(at(back, 'K', 'FINISHED', 'FINISHED'));
      await w.report({ lastNodeId: 'K', missionId: back.id, pendingNodes: [], actions: [], driving: false });
      return back;
    };
    const first = await missAt(w.mission);
    expect(first.taskId).toBe(`${w.task.id}~return`);
    // the ward hands it back to the fleet; loaded again, nobody takes it at the room again
    await w.staffQueue.handBack(w.task.id, NURSE);
    await w.dispatch.runOnce();
    const again = w.link.missions.at(-1)!;
    expect(again).toMatchObject({ taskId: w.task.id, robotId: ROBOT });
    const second = await missAt(again);
    expect(second.taskId).toBe(`${w.task.id}~return-2`);
    expect((await taskOf(w.d, `${w.task.id}~return-2`)).status).toBe('completed');
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived', 'handover-missed', 'returned', 'loaded', 'arrived', 'handover-missed', 'returned']);
  });

  it('decides nothing on a missed handover while the cancel cannot go out (broker down), and takes the load back once it can', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await w.clock.advance(OPTIONS.handoverTimeoutMs);
    const missions = w.link.missions.length;
    w.link.failSends = true;
    expect(await w.custody.checkOverdue()).toBe(0);
    expect((await w.taskOf()).status).toBe('on-hold');
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived']);
    expect(w.link.missions.length).toBe(missions);
    w.link.failSends = false;
    await w.clock.advance(5_000);
    expect(await w.custody.checkOverdue()).toBe(1);
    expect(w.link.instants.at(-1)).toEqual({ robotId: ROBOT, command: { kind: 'cancel' } });
    expect(w.link.missions.at(-1)!.taskId).toBe(`${w.task.id}~return`);
  });

  it('keeps a robot lost at the pharmacy before anyone loaded it in service, whatever its loads said: the delivery goes on', async () => {
    const w = await world();
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'med-2', actions: ['pick', 'drop', 'deliverMedication', 'waitForTrigger'] });
    await w.report(at(w.mission, 'K', 'RUNNING'));
    const task = await w.taskOf();
    // what the watchdog guesses of an attended task whose robot reported no loads
    await w.failover.endAttempt(task, ROBOT, { reason: 'robot lost', leftWithLoad: true });
    expect(w.registry.get(ROBOT)?.inService).toBe(true);
    expect(await w.taskOf()).toMatchObject({ status: 'ready' });
    expect((await w.taskOf()).performer).toBeUndefined();
  });

  it('refuses to hand a return back to the fleet: the load is on the robot that was taking it back', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await w.clock.advance(OPTIONS.handoverTimeoutMs);
    expect(await w.custody.checkOverdue()).toBe(1);
    const back = w.link.missions.at(-1)!;
    // the robot fails on its way back: the return goes to staff, the robot out of service
    await w.report({ ...at(back, 'K', 'RUNNING'), actions: back.nodes.flatMap((n) => n.actions.map((a) => ({ id: a.id, type: a.type, status: 'FAILED' as const }))) });
    expect(await taskOf(w.d, back.taskId!)).toMatchObject({ performer: 'staff' });
    expect(w.registry.get(ROBOT)?.inService).toBe(false);
    const refused = await w.staffQueue.handBack(back.taskId!, NURSE).then(() => undefined, (e: { code?: string; message: string }) => e);
    expect(refused).toMatchObject({ code: DomainErrorCode.TaskTransitionInvalid, message: expect.stringMatching(/takes medication back on the robot that carries it/) });
  });

  it('lets a robot nobody loaded at the pharmacy go, and gives the delivery to the ward', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'RUNNING'));
    await w.clock.advance(OPTIONS.handoverTimeoutMs - 1);
    expect(await w.custody.checkOverdue()).toBe(0);
    await w.clock.advance(1);
    expect(await w.custody.checkOverdue()).toBe(1);
    expect(await w.taskOf()).toMatchObject({ status: 'ready', performer: 'staff', escalation: { reason: 'load-missed', detail: 'nobody loaded it at K within 10 min' } });
    expect(w.link.instants.at(-1)).toEqual({ robotId: ROBOT, command: { kind: 'cancel' } });
    expect(await w.custody.log(w.task.id)).toEqual([]);
    expect(await w.custody.checkOverdue()).toBe(0);
  });

  it('keeps a loaded robot on its way however long the load took', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'RUNNING'));
    await w.clock.advance(OPTIONS.handoverTimeoutMs - 1);
    await w.custody.confirmLoad(w.task.id, NURSE);
    await w.clock.advance(OPTIONS.handoverTimeoutMs);
    expect(await w.custody.checkOverdue()).toBe(0);
    expect((await w.taskOf()).status).toBe('in-progress');
  });

  it('records nothing as given when the robot was opened by someone who is not a nurse, and takes the load back', async () => {
    const w = await world();
    await w.report(at(w.mission, 'K', 'FINISHED', 'RUNNING', 'staff:n1'));
    await w.report(at(w.mission, 'R1', 'RUNNING'));
    await w.report(at(w.mission, 'R1', 'FINISHED', 'RUNNING', 'staff:c1'));
    expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived', 'handover-missed']);
    expect(w.notifier.alerts.some((a) => a.kind === 'robot-error' && a.taskId === w.task.id)).toBe(true);
    expect(w.link.missions.at(-1)!.taskId).toBe(`${w.task.id}~return`);
  });
});
