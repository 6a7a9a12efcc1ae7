import { Mutex } from 'async-mutex';
import { DispatchService, FleetRegistry, InlineDispatchPlanner, FleetService, IdGenerator, MissionSender, TaskService } from '@opiekun/application';
import { InMemoryRobotStore, InMemoryTaskStore } from '../../libs/application/src/testing';
import {
  DEFAULT_DISPATCH_CONFIG,
  robotId,
  scenarioTaskInput,
  type DispatchConfig,
  type DispatchPolicy,
  type Facility,
  type Scenario,
  type Task,
  type TaskEvent,
} from '@opiekun/domain';
import { SimClock, SimFleet, type SimFacility, type VehicleConfig } from '@opiekun/robot-sim';
import { factsheetToInfo } from '../../apps/api/src/fleet/order.mapper';
import { CountingNotifier } from './counting-notifier';
import { InProcessRobotLink } from './in-process-robot.link';
import { SimClockAdapter } from './sim-clock.adapter';
import { StateRelay, type RobotOdometry } from './state-relay';
import { TimedPolicy } from './timed-policy';

export interface ReplayInput {
  /** The facility as the dispatcher reads it (libs/domain) … */
  readonly facility: Facility;
  /** … and as the simulated robots read the same file (robot-sim keeps its own reading, as a real robot would). */
  readonly simFacility: SimFacility;
  readonly scenario: Scenario;
  readonly policy: DispatchPolicy;
  readonly config?: DispatchConfig;
  /** Seeds the vehicles' random streams. */
  readonly seed: number;
  /** Simulated seconds after the shift's end in which work still under way may finish (default 2 h). */
  readonly graceS?: number;
  /** The vehicles' state heartbeat in simulated ms, as robot-sim's (default 5000; 0 = only on change). */
  readonly heartbeatMs?: number;
}

export interface ReplayResult {
  readonly policy: string;
  readonly startMs: number;
  readonly shiftEndMs: number;
  /** When the replay stopped: every task ended, or the grace period ran out. */
  readonly endMs: number;
  readonly tasks: readonly Task[];
  readonly histories: ReadonlyMap<string, readonly TaskEvent[]>;
  readonly robotIds: readonly string[];
  readonly odometry: readonly RobotOdometry[];
  readonly timing: TimedPolicy;
  readonly notifier: CountingNotifier;
  /** Scenario tasks the api refused to create (no capable robot…), with the reason. */
  readonly refused: readonly string[];
  readonly errors: readonly string[];
  readonly wallMs: number;
  readonly reports: number;
  readonly orders: number;
}

/** Hands out the scenario's own task ids, so results can be traced back to the file. */
class ScenarioIds extends IdGenerator {
  upcoming = '';
  next(): string {
    return this.upcoming;
  }
}

const STAFF = { kind: 'staff', id: 'scenario' } as const;

/**
 * One shift, headless, on virtual time: the real application services (TaskService, DispatchService, FleetService,
 * FleetRegistry, MissionSender) over in-memory stores, the policy under test, and robot-sim's VirtualVehicles sharing
 * one ElevatorBank, joined by an in-process link that speaks the api's own VDA 5050 mapping. The SimClock drives both
 * sides; between two events every promise the application started settles, so the run is deterministic.
 */
export async function replayShift(input: ReplayInput): Promise<ReplayResult> {
  const wallStart = performance.now();
  const { scenario, facility } = input;
  const sim = new SimClock(scenario.startMs);
  const clock = new SimClockAdapter(sim);
  const simFleet = new SimFleet({ robots: scenario.robots.map(vehicleConfig), facility: input.simFacility, clock: sim, seed: input.seed });
  const vehicles = new Map(simFleet.vehicles.map((v) => [robotId(v.manufacturer, v.serialNumber), v]));
  const errors: string[] = [];
  const onError = (error: Error): void => void errors.push(error.message);
  const store = new InMemoryTaskStore();
  const notifier = new CountingNotifier();
  const registry = new FleetRegistry(new InMemoryRobotStore(), notifier);
  const link = new InProcessRobotLink(vehicles, sim);
  const mutex = new Mutex();
  const sender = new MissionSender(link, clock, onError);
  const timing = new TimedPolicy(input.policy);
  const config = input.config ?? DEFAULT_DISPATCH_CONFIG;
  const dispatch = new DispatchService(store, registry, link, new InlineDispatchPlanner(timing, facility), facility, config, clock, notifier, mutex, sender, onError);
  const fleet = new FleetService(store, registry, link, clock, notifier, dispatch, mutex, sender, { autoRegister: true, maxAttempts: 3, factsheetRetryMs: 10_000 });
  const ids = new ScenarioIds();
  const tasks = new TaskService(store, registry, facility, clock, ids, notifier, dispatch, mutex, fleet);
  const relay = new StateRelay(simFleet.vehicles, fleet, sim, facility, input.heartbeatMs ?? 5_000);

  for (const vehicle of simFleet.vehicles) {
    const info = factsheetToInfo(vehicle.factsheet());
    const { manufacturer, serialNumber } = vehicle;
    await fleet.register({ manufacturer, serialNumber, name: serialNumber, model: vehicle.config.model, actions: info.actions, speed: vehicle.config.speed });
    await fleet.onConnection(manufacturer, serialNumber, 'ONLINE');
    await fleet.onFactsheet(manufacturer, serialNumber, info);
  }
  relay.markAll();
  await settle(relay);

  const refused: string[] = [];
  const creations: Promise<unknown>[] = [];
  for (const scenarioTask of scenario.tasks) {
    const { at, input: taskInput } = scenarioTaskInput(scenario, scenarioTask);
    sim.setTimerAt(at, () => {
      ids.upcoming = scenarioTask.id;
      creations.push(tasks.create(taskInput, STAFF).catch((error: Error) => refused.push(`${scenarioTask.id}: ${error.message}`)));
    });
  }
  dispatch.start();

  const shiftEndMs = scenario.startMs + scenario.durationS * 1000;
  const limitMs = shiftEndMs + (input.graceS ?? 7_200) * 1000;
  const lastTaskAt = Math.max(scenario.startMs, ...scenario.tasks.map((t) => scenarioTaskInput(scenario, t).at));
  for (;;) {
    const next = sim.nextTimerAt();
    const allEnded = sim.now() >= lastTaskAt && notifier.terminal + refused.length >= scenario.tasks.length;
    if (next === undefined || next > limitMs || allEnded) break;
    sim.advanceTo(next);
    await settle(relay);
  }
  dispatch.stop();
  await Promise.all(creations);
  const endMs = sim.now();
  simFleet.vehicles.forEach((v) => v.dispose());

  const all = store.all();
  const histories = new Map<string, readonly TaskEvent[]>();
  for (const task of all) histories.set(task.id, await store.history(task.id));
  return {
    policy: input.policy.name,
    startMs: scenario.startMs,
    shiftEndMs,
    endMs,
    tasks: all,
    histories,
    robotIds: [...vehicles.keys()],
    odometry: [...relay.odometry.values()],
    timing,
    notifier,
    refused,
    errors,
    wallMs: performance.now() - wallStart,
    reports: relay.reports,
    orders: link.ordersSent,
  };
}

/** Lets every promise the last event started run to its end, relaying the states that changed meanwhile. */
async function settle(relay: StateRelay): Promise<void> {
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (relay.pending === 0) return;
    await relay.flush();
  }
}

function vehicleConfig(robot: Scenario['robots'][number]): VehicleConfig {
  return {
    manufacturer: robot.manufacturer,
    serialNumber: robot.serialNumber,
    model: robot.model ?? 'robot',
    actions: robot.actions,
    speed: robot.speed,
    battery: robot.battery,
    startNodeId: robot.start,
  };
}
