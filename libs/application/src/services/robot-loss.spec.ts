import type { Mission } from '../ports/robot-link.port';
import { CHARGE_REFUSAL_HOLD_MS } from './dispatch.service';
import { cancelsTo, durable, idle, joins, live, process, reports, running, sentTo, STAFF, taskOf, WATCH, type Api } from './resilience-world.fixture';

/** Small tests of robots that drop out: broken connection, silence, a broker outage, and robots that come back. */
describe('a lost robot', () => {
  async function world() {
    const d = durable();
    const api = await process(d);
    await api.boot();
    return { d, api };
  }

  it('drops the charge trip it had not confirmed: when it comes back that old order is not sent again', async () => {
    const { d, api } = await world();
    await api.fleet.register({ manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop', 'startCharging'] });
    await api.fleet.onConnection('M', 'R1', 'ONLINE');
    await reports(api, 'R1', { ...idle('A'), battery: 10 });
    await d.clock.advance(10);
    const [trip] = sentTo(d, 'M:R1');
    expect(trip?.id).toMatch(/^charge:/);
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    await d.clock.advance(WATCH.graceMs + 10_000);
    expect(api.registry.get('M:R1')?.missionId).toBeUndefined();
    await api.fleet.onConnection('M', 'R1', 'ONLINE');
    await reports(api, 'R1', { ...idle('B'), battery: 10 });
    await d.clock.advance(10);
    expect(sentTo(d, 'M:R1').filter((m) => m.id === trip!.id)).toHaveLength(1);
  });

  it('keeps its task through a short outage and carries on when it comes back', async () => {
    const { d, api } = await world();
    const robot = await joins(api, 'R1', 'A');
    const task = await api.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    const [mission] = sentTo(d, robot);
    await reports(api, 'R1', running(mission));
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    await d.clock.advance(WATCH.graceMs - 5_000);
    await api.fleet.onConnection('M', 'R1', 'ONLINE');
    await live(api, WATCH.graceMs, { R1: () => running(mission) });
    expect(await taskOf(d, task.id)).toMatchObject({ status: 'in-progress', robotId: robot, attempt: 1 });
    expect(cancelsTo(d, robot)).toBe(0);
    expect(api.notifier.alerts.filter((a) => a.kind === 'robot-offline')).toHaveLength(1);
  });

  it('after the grace period gives its task to another robot, and cancels the stale order when it comes back, before any new work', async () => {
    const { d, api } = await world();
    const lost = await joins(api, 'R1', 'A');
    const task = await api.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    const [mission] = sentTo(d, lost);
    await reports(api, 'R1', running(mission, 'RUNNING', true));
    const other = await joins(api, 'R2', 'Q0');
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    await live(api, WATCH.graceMs - 5_000, { R2: () => idle('Q0') });
    expect((await taskOf(d, task.id)).robotId).toBe(lost);
    await live(api, 10_000, { R2: () => idle('Q0') });
    expect(await taskOf(d, task.id)).toMatchObject({ status: 'accepted', robotId: other, attempt: 2 });
    expect((await d.tasks.history(task.id)).find((e) => e.from === 'in-progress')?.cause.reason).toMatch(/R1 lost contact near A/);

    const next = await api.service.create({ type: 'linen', priority: 'routine', from: 'B', to: 'K' }, STAFF);
    await api.fleet.onConnection('M', 'R1', 'ONLINE');
    await d.clock.advance(10);
    expect(sentTo(d, lost)).toHaveLength(1); // back, but not reconciled yet: no work
    await reports(api, 'R1', { ...running(mission), lastNodeId: 'B' });
    await d.clock.advance(10);
    expect(cancelsTo(d, lost)).toBe(1);
    expect(sentTo(d, lost)).toHaveLength(1); // still driving the stale order: still no work
    await reports(api, 'R1', idle('B', mission.id));
    await d.clock.advance(10);
    expect(sentTo(d, lost).map((m) => m.taskId)).toEqual([task.id, next.id]);
  });

  it('gets no work between its ONLINE and its first state, which may show an order it still runs', async () => {
    const { d, api } = await world();
    const robot = await joins(api, 'R1', 'A');
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    await api.fleet.onConnection('M', 'R1', 'ONLINE');
    const task = await api.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(5_000);
    expect(sentTo(d, robot)).toHaveLength(0);
    await reports(api, 'R1', idle('A'));
    await d.clock.advance(10);
    expect(sentTo(d, robot).map((m) => m.taskId)).toEqual([task.id]);
  });

  it.each(['medication', 'Medication'])('sends a medication it carries to staff, saying where the robot was, instead of back to the queue (typed %s)', async (type) => {
    const { d, api } = await world();
    const robot = await joins(api, 'R1', 'A');
    await joins(api, 'R2', 'Q0');
    const task = await api.service.create({ type, priority: 'urgent', from: 'K', to: 'R1', dropAction: 'deliverMedication' }, STAFF);
    await d.clock.advance(10);
    const mission = sentTo(d, robot)[0] ?? sentTo(d, 'M:R2')[0];
    const serial = mission.robotId.split(':')[1];
    await reports(api, serial, { ...running(mission, 'RUNNING', true), pose: { x: 12.5, y: 3, theta: 0, floor: 'F0' }, lastNodeId: 'B' });
    await api.fleet.onConnection('M', serial, 'CONNECTIONBROKEN');
    await d.clock.advance(WATCH.graceMs + 2_000);
    const held = await taskOf(d, task.id);
    expect(held).toMatchObject({ status: 'ready', performer: 'staff', escalation: { reason: 'robot-failed' } });
    expect(held.statusReason).toMatch(/lost contact near B \(floor F0, x 12\.5 m, y 3\.0 m\).*must not be left/);
    expect(api.notifier.alerts.find((a) => a.kind === 'task-escalated')?.message).toMatch(/near B/);
    expect(d.link.missions.filter((m) => m.taskId === task.id)).toHaveLength(1);
  });

  it('sends a medication back to the queue when the robot had not picked it up yet', async () => {
    const { d, api } = await world();
    const robot = await joins(api, 'R1', 'A');
    const task = await api.service.create({ type: 'medication', priority: 'urgent', from: 'K', to: 'R1', dropAction: 'deliverMedication' }, STAFF);
    await d.clock.advance(10);
    await reports(api, 'R1', running(sentTo(d, robot)[0], 'RUNNING', false));
    await joins(api, 'R2', 'Q0');
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    await live(api, WATCH.graceMs + 5_000, { R2: () => idle('Q0') });
    expect(await taskOf(d, task.id)).toMatchObject({ status: 'accepted', robotId: 'M:R2' });
  });

  it('counts as offline when it sends nothing for the silence time, with an alert', async () => {
    const { d, api } = await world();
    const robot = await joins(api, 'R1', 'A');
    await d.clock.advance(WATCH.silenceMs + 1_000);
    expect(api.registry.get(robot)?.connection).toBe('CONNECTIONBROKEN');
    expect(api.notifier.alerts.find((a) => a.kind === 'robot-offline')?.message).toMatch(/sent nothing for 30 s near A/);
    await reports(api, 'R1', idle('A'));
    expect(api.registry.get(robot)?.connection).toBe('ONLINE');
  });

  it('counts the grace from its last will when the will comes after the silence watch already took it for offline', async () => {
    // (a medium spec saw the task move 2.1 s after the robot's last-seen time with a 2.5 s grace: the grace ran from
    // the silence verdict, the will that came after it was not counted)
    const { d, api } = await world();
    const robot = await joins(api, 'R1', 'A');
    const task = await api.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    const [mission] = sentTo(d, robot);
    await reports(api, 'R1', running(mission));
    await joins(api, 'R2', 'Q0');
    await live(api, WATCH.silenceMs + 20_000, { R2: () => idle('Q0') });
    expect(api.registry.get(robot)?.connection).toBe('CONNECTIONBROKEN');
    await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
    const willAt = api.clock.now();
    await live(api, WATCH.graceMs - 5_000, { R2: () => idle('Q0') });
    expect(await taskOf(d, task.id)).toMatchObject({ robotId: robot, attempt: 1 });
    await live(api, 10_000, { R2: () => idle('Q0') });
    expect(api.clock.now() - willAt).toBeGreaterThanOrEqual(WATCH.graceMs);
    expect(await taskOf(d, task.id)).toMatchObject({ attempt: 2 });
  });

  it('is not judged while the broker is down: silence then proves nothing, and the grace starts again when it is back', async () => {
    const { d, api } = await world();
    const robot = await joins(api, 'R1', 'A');
    const task = await api.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    await reports(api, 'R1', running(sentTo(d, robot)[0]));
    api.fleet.onLinkDown();
    await d.clock.advance(WATCH.silenceMs + WATCH.graceMs + 10_000);
    expect(api.registry.get(robot)?.connection).toBe('ONLINE');
    expect((await taskOf(d, task.id)).robotId).toBe(robot);
    await api.fleet.onLinkUp();
    await d.clock.advance(WATCH.silenceMs - 1_000);
    expect(api.registry.get(robot)?.connection).toBe('ONLINE');
    await d.clock.advance(2_000);
    expect(api.registry.get(robot)?.connection).toBe('CONNECTIONBROKEN');
  });

  describe('that finished its task while out of contact, after the grace gave it to another robot', () => {
    /** R1 loses contact running the meal; after the grace the meal goes to R2 (attempt 2), which confirms it. */
    async function handedOver() {
      const { d, api } = await world();
      const lost = await joins(api, 'R1', 'A');
      const task = await api.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
      await d.clock.advance(10);
      const [stale] = sentTo(d, lost);
      await reports(api, 'R1', running(stale!, 'RUNNING', true));
      const other = await joins(api, 'R2', 'Q0');
      await api.fleet.onConnection('M', 'R1', 'CONNECTIONBROKEN');
      await live(api, WATCH.graceMs + 5_000, { R2: () => idle('Q0') });
      const [second] = sentTo(d, other);
      expect(second?.taskId).toBe(task.id);
      return { d, api, lost, other, task, stale: stale!, second: second! };
    }
    const comesBackDone = async (api: Api, stale: Mission) => {
      await api.fleet.onConnection('M', 'R1', 'ONLINE');
      await reports(api, 'R1', running(stale, 'FINISHED'));
    };

    it('closes the task as done by it, calls the other robot back and frees it, and tells staff', async () => {
      const { d, api, lost, other, task, stale, second } = await handedOver();
      await reports(api, 'R2', running(second, 'RUNNING'));
      expect(await taskOf(d, task.id)).toMatchObject({ status: 'in-progress', robotId: other });
      await comesBackDone(api, stale);
      expect(await taskOf(d, task.id)).toMatchObject({ status: 'completed', robotId: lost });
      expect(cancelsTo(d, other)).toBe(1);
      expect(api.registry.get(other)?.currentTaskId).toBeUndefined();
      expect(api.notifier.alerts.filter((a) => a.kind === 'task-done-offline')).toEqual([
        expect.objectContaining({ robotId: lost, taskId: task.id, message: expect.stringContaining(`robot ${other}, sent for it meanwhile with nothing on board yet, was called back and freed`) }),
      ]);
      const history = await d.tasks.history(task.id);
      expect(history.at(-1)).toMatchObject({ to: 'completed', robotId: lost, cause: expect.objectContaining({ reason: expect.stringContaining('while out of contact') }) });
      // the finished order is looked at once, however often it is reported; the meal is never sent again
      await reports(api, 'R1', running(stale, 'FINISHED'));
      expect(api.notifier.alerts.filter((a) => a.kind === 'task-done-offline')).toHaveLength(1);
      const sends = d.link.missions.length;
      await live(api, 60_000, { R1: () => running(stale, 'FINISHED'), R2: () => ({ ...running(second, 'RUNNING'), driving: false, pendingNodes: [] }) });
      expect([...new Set(d.link.missions.filter((m) => m.taskId === task.id).map((m) => m.id))]).toEqual([stale.id, second.id]);
      // the withdrawn order is not resent
      expect(d.link.missions.slice(sends).filter((m) => m.id === second.id)).toEqual([]);
    });

    it('a task the other robot completed too was done twice: staff are told, the task stays as it is', async () => {
      const { d, api, lost, other, task, stale, second } = await handedOver();
      await reports(api, 'R2', running(second, 'FINISHED'));
      expect(await taskOf(d, task.id)).toMatchObject({ status: 'completed', robotId: other });
      await comesBackDone(api, stale);
      expect(await taskOf(d, task.id)).toMatchObject({ status: 'completed', robotId: other });
      expect(api.notifier.alerts.filter((a) => a.kind === 'task-done-offline')).toEqual([
        expect.objectContaining({ robotId: lost, message: expect.stringContaining('completed it as well') }),
      ]);
    });

    it('the other robot may carry something (loaded): it goes on, the task stays with it, staff are told', async () => {
      const { d, api, other, task, stale, second } = await handedOver();
      await reports(api, 'R2', running(second, 'RUNNING', true));
      await comesBackDone(api, stale);
      expect(await taskOf(d, task.id)).toMatchObject({ status: 'in-progress', robotId: other });
      expect(cancelsTo(d, other)).toBe(0);
      expect(api.notifier.alerts.filter((a) => a.kind === 'task-done-offline').map((a) => a.message)).toEqual([expect.stringContaining('may carry something')]);
    });

    it('an order that waited for a person (custody) or a task cancelled meanwhile is left to staff, with the alert', async () => {
      const waited = await handedOver();
      const withTrigger: Mission = { ...waited.stale, nodes: [{ ...waited.stale.nodes[0]!, actions: [{ id: `${waited.stale.id}/0.w-waitForTrigger`, type: 'waitForTrigger' }] }, ...waited.stale.nodes.slice(1)] };
      await comesBackDone(waited.api, withTrigger);
      expect((await taskOf(waited.d, waited.task.id)).robotId).toBe(waited.other);
      expect(waited.api.notifier.alerts.filter((a) => a.kind === 'task-done-offline').map((a) => a.message)).toEqual([expect.stringContaining('custody')]);

      const cancelled = await handedOver();
      await cancelled.api.service.cancel(cancelled.task.id, STAFF);
      await comesBackDone(cancelled.api, cancelled.stale);
      expect(await taskOf(cancelled.d, cancelled.task.id)).toMatchObject({ status: 'cancelled' });
      expect(cancelled.api.notifier.alerts.filter((a) => a.kind === 'task-done-offline').map((a) => a.message)).toEqual([expect.stringContaining('it had been cancelled meanwhile')]);
    });

    it('back still running the old order, called off, but it finishes anyway: credited all the same', async () => {
      const { d, api, lost, other, task, stale } = await handedOver();
      await api.fleet.onConnection('M', 'R1', 'ONLINE');
      await reports(api, 'R1', running(stale, 'RUNNING'));
      expect(cancelsTo(d, lost)).toBe(1);
      await reports(api, 'R1', running(stale, 'FINISHED'));
      expect(await taskOf(d, task.id)).toMatchObject({ status: 'completed', robotId: lost });
      expect(api.registry.get(other)?.currentTaskId).toBeUndefined();
    });

    it('a robot back with its order unfinished is not taken to have done it', async () => {
      const { d, api, other, task, stale } = await handedOver();
      await api.fleet.onConnection('M', 'R1', 'ONLINE');
      await reports(api, 'R1', { ...running(stale, 'RUNNING'), driving: false, pendingNodes: [] });
      expect((await taskOf(d, task.id)).robotId).toBe(other);
      expect(api.notifier.alerts.filter((a) => a.kind === 'task-done-offline')).toEqual([]);
    });
  });
});

describe('a robot that refuses a trip to a charger', () => {
  /** R1 at A with 10 % left, which the first round sends to charge: its trip. */
  async function sentToCharge() {
    const d = durable();
    const api = await process(d);
    await api.boot();
    await api.fleet.register({ manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop', 'startCharging'] });
    await api.fleet.onConnection('M', 'R1', 'ONLINE');
    await reports(api, 'R1', { ...idle('A'), battery: 10 });
    await d.clock.advance(10);
    const [trip] = sentTo(d, 'M:R1');
    return { d, api, trip };
  }

  it('is not sent there again for a while, staff hear of it once, and it goes to another charger meanwhile', async () => {
    const { d, api, trip } = await sentToCharge();
    expect(trip?.id).toMatch(/^charge:/);
    expect(trip!.nodes.at(-1)!.nodeId).toBe('Q0');
    // its charger is not one it can dock at: it refuses the order, naming it
    const refusal = { type: 'orderError', level: 'WARNING' as const, description: 'no docking station at Q0', references: [trip!.id] };
    await reports(api, 'R1', { ...idle('A'), battery: 10, errors: [refusal] });
    await d.clock.advance(10);
    const refusedAlerts = () => api.notifier.alerts.filter((a) => a.robotId === 'M:R1' && /refused the trip to charger Q0/.test(a.message));
    expect(refusedAlerts()).toHaveLength(1);
    expect(refusedAlerts()[0]!.message).toContain('no docking station at Q0');
    // rounds go on: never Q0 again meanwhile; the other charger instead
    await live(api, 60_000, { R1: () => ({ ...idle('A'), battery: 10 }) });
    const after = sentTo(d, 'M:R1').slice(1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((m) => m.nodes.at(-1)!.nodeId !== 'Q0')).toBe(true);
    expect(after[0]!.nodes.at(-1)!.nodeId).toBe('M1');
    expect(refusedAlerts()).toHaveLength(1);
  });

  it('is sent there again once the hold is over', async () => {
    const { d, api, trip } = await sentToCharge();
    await reports(api, 'R1', { ...idle('A'), battery: 10, errors: [{ type: 'orderError', level: 'WARNING', references: [trip!.id] }] });
    await d.clock.advance(10);
    // the other charger refused too: nowhere to go for ten minutes
    const [second] = sentTo(d, 'M:R1').slice(1);
    expect(second!.nodes.at(-1)!.nodeId).toBe('M1');
    await reports(api, 'R1', { ...idle('A'), battery: 10, errors: [{ type: 'orderError', level: 'WARNING', references: [second!.id] }] });
    await live(api, CHARGE_REFUSAL_HOLD_MS - 60_000, { R1: () => ({ ...idle('A'), battery: 10 }) });
    expect(sentTo(d, 'M:R1')).toHaveLength(2);
    await live(api, 120_000, { R1: () => ({ ...idle('A'), battery: 10 }) });
    expect(sentTo(d, 'M:R1').slice(2).map((m) => m.nodes.at(-1)!.nodeId)).toContain('Q0');
  });
});
