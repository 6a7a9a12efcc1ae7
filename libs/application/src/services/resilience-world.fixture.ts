import { Mutex } from 'async-mutex';
import { DEFAULT_DISPATCH_CONFIG, EarliestFinishPolicy, loadFacility, type DispatchPolicy, type Facility, type Task } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import type { Mission, RobotReport } from '../ports/robot-link.port';
import { InMemoryRobotStore, InMemoryTaskStore, ManualClock, RecordingNotifier, RecordingRobotLink } from '../testing';
import { InMemoryWardStore } from '../testing/in-memory-care.stores';
import { DispatchService } from './dispatch.service';
import { FleetRegistry } from './fleet-registry';
import { FleetService } from './fleet.service';
import { MissionFactory } from './mission-factory';
import { MissionSender } from './mission-sender';
import { decidedMissions, OrderReconciler } from './order-reconciler';
import { RecoveryService } from './recovery.service';
import { InlineDispatchPlanner } from './refusal-aware-planning';
import { RobotWatchdog, type RobotWatchOptions } from './robot-watchdog';
import { StaffQueueService } from './staff-queue.service';
import { TaskFailover } from './task-failover';
import { TaskService } from './task.service';

/** What outlives a process: the database (task and robot stores, outbox included) and the clock of the world. */
export interface Durable {
  readonly facility: Facility;
  readonly clock: ManualClock;
  readonly tasks: InMemoryTaskStore;
  readonly robots: InMemoryRobotStore;
  /** Everything any process sent, in order (the robots' view of the wire). */
  readonly link: RecordingRobotLink;
  ids: number;
}

export const WATCH: RobotWatchOptions = { silenceMs: 30_000, graceMs: 60_000, attendedTaskTypes: ['medication'], checkEveryMs: 1_000 };

export function durable(): Durable {
  return {
    facility: loadFacility(smallFacilityJson()),
    clock: new ManualClock(),
    tasks: new InMemoryTaskStore(),
    robots: new InMemoryRobotStore(),
    link: new RecordingRobotLink(),
    ids: 0,
  };
}

/**
 * One api process over durable stores, wired as apps/api wires it: failover to the staff queue, the order reconciler
 * with the outbox, the robot watchdog, recovery. `boot` is what the api does at start-up; calling `process(d)` again
 * over the same `Durable` is a restart after kill -9 (every in-memory picture lost, stores kept).
 */
export async function process(d: Durable, watch: RobotWatchOptions = WATCH, policy: DispatchPolicy = new EarliestFinishPolicy()) {
  const { clock, tasks, link, facility } = d;
  const notifier = new RecordingNotifier();
  const registry = new FleetRegistry(d.robots, notifier);
  const mutex = new Mutex();
  const errors: Error[] = [];
  const onError = (e: Error) => void errors.push(e);
  const sender = new MissionSender(link, clock, onError, { resendAfterMs: 2_000, maxSends: 3 }, (id) => registry.get(id)?.connection === 'ONLINE');
  const ids = { next: () => `t${++d.ids}` };
  const trigger = { request: () => dispatch.request() };
  const staff = new StaffQueueService(tasks, new InMemoryWardStore(), registry, facility, clock, ids, notifier, trigger, mutex);
  const failover = new TaskFailover(tasks, registry, sender, staff, clock, notifier, trigger, { maxAttempts: 3 });
  const factory = new MissionFactory(facility);
  const dispatch: DispatchService = new DispatchService(tasks, registry, link, new InlineDispatchPlanner(policy, facility, failover), facility, DEFAULT_DISPATCH_CONFIG, clock, notifier, mutex, sender, onError, factory, failover, { resendAfterMs: 2_000, maxSends: 3 });
  const reconciler = new OrderReconciler(tasks, registry, link, sender, clock, onError, decidedMissions(tasks, factory));
  const fleet = new FleetService(tasks, registry, link, clock, notifier, dispatch, mutex, sender, { autoRegister: true, factsheetRetryMs: 10_000 }, failover, reconciler);
  const watchdog = new RobotWatchdog(registry, tasks, failover, sender, clock, notifier, mutex, onError, watch);
  fleet.onLinkChange({ down: () => watchdog.linkDown(), up: () => watchdog.linkUp() });
  const service = new TaskService(tasks, registry, facility, clock, ids, notifier, dispatch, mutex, reconciler);
  const boot = async () => {
    await registry.load();
    await new RecoveryService(tasks, registry, failover, clock).recover();
    dispatch.start(5_000, 1_000);
    watchdog.start();
  };
  const shutdown = () => {
    dispatch.stop();
    watchdog.stop();
  };
  return { ...d, notifier, registry, sender, failover, dispatch, fleet, watchdog, service, errors, boot, shutdown };
}

export type Api = Awaited<ReturnType<typeof process>>;
export const STAFF = { kind: 'staff', id: 'nurse' } as const;

export async function joins(api: Api, serial: string, node: string, actions = ['pick', 'drop', 'deliverMedication']): Promise<string> {
  await api.fleet.register({ manufacturer: 'M', serialNumber: serial, actions });
  await api.fleet.onConnection('M', serial, 'ONLINE');
  await reports(api, serial, idle(node));
  return `M:${serial}`;
}

export function reports(api: Api, serial: string, report: Partial<RobotReport>): Promise<boolean> {
  return api.fleet.onState('M', serial, { robotId: `M:${serial}`, at: api.clock.now(), battery: 90, ...report });
}

export function idle(node: string, orderId = ''): Partial<RobotReport> {
  return { lastNodeId: node, missionId: orderId, pendingNodes: [], actions: [], driving: false, loaded: false };
}

/** The robot's report while it runs `mission`: at its first node, every node left, actions with `status`. */
export function running(mission: Mission, status: 'RUNNING' | 'FINISHED' | 'FAILED' = 'RUNNING', loaded = false): Partial<RobotReport> {
  const done = status !== 'RUNNING';
  return {
    lastNodeId: done ? mission.nodes.at(-1)!.nodeId : mission.nodes[0].nodeId,
    missionId: mission.id,
    pendingNodes: done ? [] : mission.nodes.map((n) => n.nodeId),
    driving: !done,
    loaded,
    actions: mission.nodes.flatMap((n) => n.actions.map((a) => ({ id: a.id, type: a.type, status }))),
  };
}

/** Moves time on in 5 s steps while the given robots keep reporting (their state by serial number), as live robots do. */
export async function live(api: Api, ms: number, robots: Record<string, () => Partial<RobotReport>>): Promise<void> {
  for (let left = ms; left > 0; left -= 5_000) {
    await api.clock.advance(Math.min(5_000, left));
    for (const [serial, state] of Object.entries(robots)) await reports(api, serial, state());
  }
}

export function sentTo(d: Durable, robotId: string): Mission[] {
  return d.link.missions.filter((m) => m.robotId === robotId);
}

export function cancelsTo(d: Durable, robotId: string): number {
  return d.link.instants.filter((i) => i.robotId === robotId && i.command.kind === 'cancel').length;
}

export async function taskOf(d: Durable, id: string): Promise<Task> {
  const task = await d.tasks.get(id);
  if (!task) throw new Error(`no task ${id}`);
  return task;
}
