import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Mutex } from 'async-mutex';
import {
  CustodyMissionFactory,
  CustodyService,
  DispatchService,
  FleetRegistry,
  FleetService,
  InlineDispatchPlanner,
  LoadReturn,
  MissionSender,
  StaffQueueService,
  TaskFailover,
  TaskService,
  type CustodyOptions,
  type StaffIdentity,
} from '@opiekun/application';
import { InMemoryCustodyStore, InMemoryRobotStore, InMemoryStaffDirectory, InMemoryTaskStore, InMemoryWardStore, RecordingNotifier } from '../../libs/application/src/testing';
import { DEFAULT_DISPATCH_CONFIG, EarliestFinishPolicy, loadFacility, type Task } from '@opiekun/domain';
import { loadFacility as loadSimFacility, SimClock, SimFleet, type VirtualVehicle } from '@opiekun/robot-sim';
import { InProcessRobotLink } from '../../bench/world/in-process-robot.link';
import { SimClockAdapter } from '../../bench/world/sim-clock.adapter';
import { StateRelay } from '../../bench/world/state-relay';

/**
 * A medication delivery on robot-sim's own vehicle (its waitForTrigger, keypad, cancelOrder and load tray), joined
 * to the real application services by the benchmark's in-process link, on virtual time: nothing mocked but the
 * stores. What the scripted tests cannot show: that a real vehicle model holds the load while it waits, opens only
 * after the handover, and takes a new order back to the pharmacy right after the cancel.
 */
const ROOT = join(__dirname, '../..');
const FACILITY_FILE = join(ROOT, 'assets/facilities/mco-demo.json');
const NURSE: StaffIdentity = { id: 'n1', username: 'ania', displayName: 'Ania', role: 'nurse' };
const PIN = '2468';
const OPTIONS: CustodyOptions = { taskTypes: ['medication'], handoverTimeoutMs: 10 * 60_000 };
const ROBOT = 'Sim:med-1';

async function world() {
  const facility = loadFacility(JSON.parse(readFileSync(FACILITY_FILE, 'utf8')));
  const sim = new SimClock(Date.UTC(2026, 10, 23, 8, 0, 0));
  const clock = new SimClockAdapter(sim);
  const robot = { manufacturer: 'Sim', serialNumber: 'med-1', model: 'carrier', actions: ['pick', 'drop', 'deliverMedication'], speed: 1.2, battery: 95, startNodeId: 'F0-dock-1' };
  const simFleet = new SimFleet({ robots: [{ ...robot, staffPins: { [PIN]: NURSE.id } }], facility: loadSimFacility(FACILITY_FILE), clock: sim, seed: 1 });
  const vehicle = simFleet.vehicles[0];
  const errors: string[] = [];
  const onError = (error: Error): void => void errors.push(error.message);
  const tasks = new InMemoryTaskStore();
  const notifier = new RecordingNotifier();
  const registry = new FleetRegistry(new InMemoryRobotStore(), notifier);
  const link = new InProcessRobotLink(new Map([[ROBOT, vehicle]]), sim);
  const mutex = new Mutex();
  const sender = new MissionSender(link, clock, onError);
  const trigger = { request: () => dispatch.request() };
  const ids = { next: () => `t${tasks.all().length + 1}` };
  const staffQueue = new StaffQueueService(tasks, new InMemoryWardStore(), registry, facility, clock, ids, notifier, trigger, mutex);
  const failover = new TaskFailover(tasks, registry, sender, staffQueue, clock, notifier, trigger, { maxAttempts: 3 });
  const factory = new CustodyMissionFactory(facility, OPTIONS);
  const dispatch: DispatchService = new DispatchService(tasks, registry, link, new InlineDispatchPlanner(new EarliestFinishPolicy(), facility, failover), facility, DEFAULT_DISPATCH_CONFIG, clock, notifier, mutex, sender, onError, factory, failover);
  const fleet = new FleetService(tasks, registry, link, clock, notifier, dispatch, mutex, sender, { autoRegister: true, factsheetRetryMs: 10_000 }, failover);
  const staff = new InMemoryStaffDirectory();
  staff.members.set(NURSE.id, { ...NURSE, wardIds: [] });
  const log = new InMemoryCustodyStore();
  const custody = new CustodyService(tasks, log, tasks, registry, link, staff, new LoadReturn(tasks, log, registry, link, sender, factory, staffQueue, facility, clock), clock, notifier, mutex, OPTIONS);
  fleet.onMissionReport((r, report) => custody.onReport(r, report));
  const relay = new StateRelay([vehicle], fleet, sim, facility, 2_000);

  const factsheet = vehicle.factsheet().protocolFeatures.agvActions.map((a) => a.actionType);
  await fleet.register({ manufacturer: 'Sim', serialNumber: 'med-1', actions: factsheet });
  await fleet.onConnection('Sim', 'med-1', 'ONLINE');
  relay.markAll();

  const settle = async (): Promise<void> => {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (relay.pending === 0) return;
      await relay.flush();
    }
  };
  /** Runs virtual time event by event until `test` holds (at most `maxMs` of it). */
  const until = async (test: () => boolean | Promise<boolean>, maxMs = 3_600_000): Promise<void> => {
    const end = sim.now() + maxMs;
    await settle();
    while (!(await test())) {
      const next = sim.nextTimerAt();
      if (next === undefined || next > end) throw new Error(`not reached within ${maxMs} ms of virtual time`);
      sim.advanceTo(next);
      await settle();
    }
  };
  await settle();
  const service = new TaskService(tasks, registry, facility, clock, ids, notifier, dispatch, mutex, fleet);
  const task = await service.create({ type: 'medication', priority: 'urgent', from: 'F0-pharmacy', to: 'F1-R101', pickAction: 'pick', dropAction: 'deliverMedication' }, { kind: 'staff', id: NURSE.id });
  await dispatch.runOnce();
  const status = async (id = task.id): Promise<Task['status'] | undefined> => (await tasks.get(id))?.status;
  return { sim, vehicle, custody, tasks, task, errors, until, status, dispose: () => vehicle.dispose() };
}

function waitsAt(vehicle: VirtualVehicle, node: string): boolean {
  const state = vehicle.state();
  return state.lastNodeId === node && !state.driving && state.actionStates.some((a) => a.actionType === 'waitForTrigger' && a.actionStatus === 'RUNNING');
}

describe('medication custody on robot-sim vehicles (virtual time)', () => {
  it('holds the load at the room until the nurse’s handover, then completes with the tray empty', async () => {
    const w = await world();
    try {
      await w.until(() => waitsAt(w.vehicle, 'F0-pharmacy'));
      expect(w.vehicle.state().loads).toEqual([]);
      expect(w.vehicle.enterPin(PIN)).toBe(true);
      await w.until(async () => (await w.status()) === 'on-hold');
      expect(waitsAt(w.vehicle, 'F1-R101')).toBe(true);
      expect(w.vehicle.state().loads).toHaveLength(1);

      await w.until(() => w.sim.now() > 0, 60_000).catch(() => undefined);
      expect(await w.status()).toBe('on-hold');
      await w.custody.confirmHandover(w.task.id, NURSE);
      await w.until(async () => (await w.status()) === 'completed');
      expect(w.vehicle.state().loads).toEqual([]);
      expect((await w.custody.log(w.task.id)).map((e) => [e.step, e.via])).toEqual([
        ['loaded', 'robot'],
        ['arrived', 'robot'],
        ['received', 'dashboard'],
      ]);
      expect(w.errors).toEqual([]);
    } finally {
      w.dispose();
    }
  });

  it('after a missed handover takes the load back to the pharmacy on the same vehicle, never opening at the room', async () => {
    const w = await world();
    try {
      await w.until(() => waitsAt(w.vehicle, 'F0-pharmacy'));
      w.vehicle.enterPin(PIN);
      await w.until(async () => (await w.status()) === 'on-hold');
      const arrivedAt = w.sim.now();
      await w.until(() => w.sim.now() >= arrivedAt + OPTIONS.handoverTimeoutMs);
      expect(w.vehicle.state().loads).toHaveLength(1);
      expect(await w.custody.checkOverdue()).toBe(1);
      expect(await w.tasks.get(w.task.id)).toMatchObject({ status: 'ready', performer: 'staff' });

      await w.until(() => waitsAt(w.vehicle, 'F0-pharmacy'));
      expect(w.vehicle.state().loads).toHaveLength(1);
      expect(w.vehicle.enterPin(PIN)).toBe(true);
      await w.until(async () => (await w.status(`${w.task.id}~return`)) === 'completed');
      expect(w.vehicle.state().loads).toEqual([]);
      expect((await w.custody.log(w.task.id)).map((e) => e.step)).toEqual(['loaded', 'arrived', 'handover-missed', 'returned']);
      expect(w.errors).toEqual([]);
    } finally {
      w.dispose();
    }
  });
});
