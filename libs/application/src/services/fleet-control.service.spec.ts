import { Mutex } from 'async-mutex';
import { DomainErrorCode } from '@opiekun/domain';
import { carer, dashboardFacility, manager, ManualClock, MemoryRobotStore, MemorySettingStore, nurse, RecordingNotifier, RecordingRobotLink } from './dashboard-doubles.fixture';
import { FleetControlService, type FleetStatus } from './fleet-control.service';
import { FleetRegistry } from './fleet-registry';
import { MissionFactory } from './mission-factory';

async function setUp() {
  const facility = dashboardFacility();
  const clock = new ManualClock();
  const registry = new FleetRegistry(new MemoryRobotStore(), new RecordingNotifier());
  const link = new RecordingRobotLink();
  const settings = new MemorySettingStore();
  let dispatches = 0;
  const control = new FleetControlService(registry, link, new MissionFactory(facility), facility, settings, clock, { request: () => (dispatches += 1) });
  for (const [serial, node] of [
    ['r1', 'B'],
    ['r2', 'C'],
  ] as const) {
    await registry.register({ manufacturer: 'M', serialNumber: serial, actions: ['pick', 'drop'] }, clock.now());
    await registry.update(`M:${serial}`, (r) => ({ ...r, connection: 'ONLINE', lastNodeId: node }), clock.now());
  }
  const statuses: FleetStatus[] = [];
  control.onChange((s) => statuses.push(s));
  return { registry, link, settings, control, clock, statuses, dispatches: () => dispatches, facility };
}

describe('FleetControlService', () => {
  it('pauses and resumes a robot with VDA 5050 instant actions, by role', async () => {
    const { link, control } = await setUp();
    await control.pause('M:r1', carer);
    await expect(control.resume('M:r1', carer)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
    await control.resume('M:r1', nurse);
    expect(link.sent).toEqual([
      { robotId: 'M:r1', kind: 'pause' },
      { robotId: 'M:r1', kind: 'resume' },
    ]);
  });

  it('refuses commands to an unknown or offline robot', async () => {
    const { registry, control, clock } = await setUp();
    await expect(control.pause('M:nope', carer)).rejects.toMatchObject({ code: DomainErrorCode.RobotNotFound });
    await registry.update('M:r2', (r) => ({ ...r, connection: 'OFFLINE' }), clock.now());
    await expect(control.pause('M:r2', carer)).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict });
  });

  it('stops every robot for anyone, keeps the stop across a restart, and lets only a manager lift it', async () => {
    const { link, settings, control, statuses, registry, facility, clock } = await setUp();
    const status = await control.stopAll(carer);
    expect(status).toMatchObject({ stopped: true, stop: { byId: 'u-carer', byName: 'Anna' }, online: 2, paused: 0 });
    expect(link.sent).toEqual([
      { robotId: 'M:r1', kind: 'pause' },
      { robotId: 'M:r2', kind: 'pause' },
    ]);
    expect(settings.values.has('fleet.stop')).toBe(true);

    const restarted = new FleetControlService(registry, link, new MissionFactory(facility), facility, settings, clock, { request: () => undefined });
    await restarted.load();
    expect(restarted.status().stopped).toBe(true);
    await expect(restarted.resumeAll(nurse)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
    await expect(restarted.resume('M:r1', nurse)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden, message: expect.stringContaining('only a manager') });

    link.sent.length = 0;
    await control.resumeAll(manager);
    expect(link.sent.map((c) => c.kind)).toEqual(['resume', 'resume']);
    expect(settings.values.has('fleet.stop')).toBe(false);
    expect(statuses.map((s) => s.stopped)).toEqual([true, false]);
  });

  it('counts robots confirming the stop from their reported pause', async () => {
    const { registry, control, clock } = await setUp();
    await control.stopAll(carer);
    await registry.update('M:r1', (r) => ({ ...r, paused: true }), clock.now());
    expect(control.status()).toMatchObject({ online: 2, paused: 1 });
  });

  it('pauses a robot that comes back unpaused while the stop holds, not more than every few seconds', async () => {
    const { registry, link, control, clock } = await setUp();
    await control.stopAll(carer);
    link.sent.length = 0;
    const robot = registry.get('M:r1')!;
    await control.onRobotChanged(robot);
    clock.advance(6_000);
    await control.onRobotChanged(robot);
    await control.onRobotChanged(robot);
    await control.onRobotChanged({ ...robot, paused: true });
    expect(link.sent).toEqual([{ robotId: 'M:r1', kind: 'pause' }]);
  });

  it('still stops the others when one robot cannot be reached', async () => {
    const { link, control } = await setUp();
    link.unreachable.add('M:r1');
    await control.stopAll(carer);
    expect(link.sent).toEqual([{ robotId: 'M:r2', kind: 'pause' }]);
  });

  it('sends an idle robot to the nearest free charger and refuses a busy one', async () => {
    const { registry, link, control, clock } = await setUp();
    const { charger } = await control.sendToCharge('M:r2', nurse);
    expect(charger.id).toBe('Q2');
    expect(link.missions.at(-1)!.nodes.at(-1)!.nodeId).toBe('Q2');
    expect(registry.get('M:r2')!.missionId).toBe(link.missions.at(-1)!.id);

    await registry.update('M:r1', (r) => ({ ...r, lastNodeId: 'Q2' }), clock.now());
    await registry.update('M:r2', (r) => ({ ...r, missionId: undefined, lastNodeId: 'C' }), clock.now());
    expect((await control.sendToCharge('M:r2', nurse)).charger.id).toBe('Q1');

    await registry.update('M:r1', (r) => ({ ...r, currentTaskId: 't1', lastNodeId: 'B' }), clock.now());
    await expect(control.sendToCharge('M:r1', nurse)).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict });
    await expect(control.sendToCharge('M:r2', carer)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
  });

  it('refuses to send to charge a robot on its way with an order (it would refuse a second one), and decides in the task mutex', async () => {
    const { registry, link, control, clock } = await setUp();
    await registry.update('M:r2', (r) => ({ ...r, missionId: 'park:M:r2:1' }), clock.now());
    await expect(control.sendToCharge('M:r2', nurse)).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict, message: expect.stringMatching(/on its way with order park:M:r2:1/) });
    expect(link.missions).toEqual([]);

    const facility = dashboardFacility();
    const mutex = new Mutex();
    const guarded = new FleetControlService(registry, link, new MissionFactory(facility), facility, new MemorySettingStore(), clock, { request: () => undefined }, mutex);
    const release = await mutex.acquire(); // a round under way
    const trip = guarded.sendToCharge('M:r1', nurse);
    await new Promise((resolve) => setImmediate(resolve));
    expect(link.missions).toEqual([]);
    release();
    expect((await trip).robot.missionId).toBe(link.missions.at(-1)!.id);
  });

  it('refuses to send a robot to charge by an order over the limits its factsheet declares, naming the limit', async () => {
    const { registry, link, control, clock } = await setUp();
    await registry.update('M:r2', (r) => ({ ...r, orderLimits: { idLength: 3 } }), clock.now());
    await expect(control.sendToCharge('M:r2', nurse)).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict, message: expect.stringMatching(/cannot be sent to charger Q2: .* has \d+ characters, the robot takes ids of at most 3 \(its factsheet, protocolLimits maxStringLens\.idLen\)/) });
    expect(link.missions).toHaveLength(0);
    expect(registry.get('M:r2')!.missionId).toBeUndefined();
  });

  it('refuses a pause, resume or charge the robot\'s factsheet does not list (VDA 5050 actionScopes), naming robot and action', async () => {
    const { registry, link, control, clock } = await setUp();
    // a vendor's vehicle: pause as an instant action, but neither stopPause nor startCharging for a node
    await registry.update('M:r1', (r) => ({ ...r, name: 'Vendo', actions: ['pick', 'drop'], instantActions: ['startPause', 'startCharging', 'cancelOrder'] }), clock.now());

    await control.pause('M:r1', carer);
    await expect(control.resume('M:r1', nurse)).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict, message: expect.stringMatching(/Vendo.*stopPause/) });
    await expect(control.sendToCharge('M:r1', nurse)).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict, message: expect.stringMatching(/Vendo.*startCharging/) });
    await registry.update('M:r1', (r) => ({ ...r, instantActions: ['stopPause'] }), clock.now());
    await expect(control.pause('M:r1', carer)).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict, message: expect.stringMatching(/Vendo.*startPause/) });
    expect(link.sent).toEqual([{ robotId: 'M:r1', kind: 'pause' }]);
    expect(link.missions).toHaveLength(0);
  });

  it('holds every robot from new work while the fleet is stopped, and does not pester one that cannot pause', async () => {
    const { registry, link, control, clock, settings, facility } = await setUp();
    // r2's factsheet lists no startPause: it would refuse every pause
    await registry.update('M:r2', (r) => ({ ...r, instantActions: ['cancelOrder', 'stateRequest'] }), clock.now());
    expect(registry.forDispatch().map((r) => r.paused)).toEqual([false, false]);

    const status = await control.stopAll(carer);
    expect(link.sent).toEqual([{ robotId: 'M:r1', kind: 'pause' }]);
    expect(status).toMatchObject({ online: 2, paused: 0, cannotPause: 1 });
    // planned as paused at once: neither the one that has not confirmed yet nor the one that cannot pause gets an order
    expect(registry.forDispatch().map((r) => r.paused)).toEqual([true, true]);
    expect(registry.get('M:r2')!.paused).toBe(false);
    clock.advance(6_000);
    await control.onRobotChanged(registry.get('M:r2')!);
    expect(link.sent).toHaveLength(1);

    // the hold outlives a restart, as the stop does
    const restartedRegistry = new FleetRegistry(new MemoryRobotStore(), new RecordingNotifier());
    await restartedRegistry.register({ manufacturer: 'M', serialNumber: 'r1' }, clock.now());
    const restarted = new FleetControlService(restartedRegistry, link, new MissionFactory(facility), facility, settings, clock, { request: () => undefined });
    await restarted.load();
    expect(restartedRegistry.forDispatch()[0]!.paused).toBe(true);

    await control.resumeAll(manager);
    expect(link.sent.slice(1)).toEqual([{ robotId: 'M:r1', kind: 'resume' }]);
    expect(registry.forDispatch().map((r) => r.paused)).toEqual([false, false]);
  });

  it('lifting the stop does not resume a robot someone had paused on its own, before the stop or while it held', async () => {
    const { registry, link, control, clock } = await setUp();
    await control.pause('M:r1', carer);
    await registry.update('M:r1', (r) => ({ ...r, paused: true }), clock.now());
    await control.stopAll(carer);
    await control.pause('M:r2', carer);
    link.sent.length = 0;
    await control.resumeAll(manager);
    expect(link.sent).toEqual([]);
    // the next stop starts afresh: r1 and r2 are resumed one by one, then a stop and its lifting resume them
    await control.resume('M:r1', nurse);
    await registry.update('M:r1', (r) => ({ ...r, paused: false }), clock.now());
    await control.stopAll(carer);
    link.sent.length = 0;
    await control.resumeAll(manager);
    expect(link.sent).toEqual([
      { robotId: 'M:r1', kind: 'resume' },
      { robotId: 'M:r2', kind: 'resume' },
    ]);
  });

  it('holds nothing back from a robot whose factsheet we do not know', async () => {
    const { link, control } = await setUp();
    await control.pause('M:r2', carer);
    await control.resume('M:r2', nurse);
    await control.sendToCharge('M:r2', nurse);
    expect(link.sent.map((c) => c.kind)).toEqual(['pause', 'resume']);
    expect(link.missions).toHaveLength(1);
  });

  it('takes a robot out of service and back, and asks the dispatcher to re-plan', async () => {
    const { registry, control, dispatches } = await setUp();
    await control.setInService('M:r1', false, nurse);
    expect(registry.get('M:r1')!.inService).toBe(false);
    await control.setInService('M:r1', true, manager);
    expect(registry.get('M:r1')!.inService).toBe(true);
    expect(dispatches()).toBe(2);
    await expect(control.setInService('M:r1', false, carer)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
  });
});
