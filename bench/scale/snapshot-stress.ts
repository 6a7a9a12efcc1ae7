import { createTask, DEFAULT_DISPATCH_CONFIG, loadFacility, loadScenario, scenarioTaskInput, transition, type DispatchPolicy, type DispatchRobot, type Facility, type Task } from '@opiekun/domain';
import { deriveSeed, seededRandom } from '@opiekun/robot-sim';
import { percentile, round } from '../metrics/statistics';
import { generateWorld } from '../generate/generate-world';

export interface StressCase {
  readonly robots: number;
  readonly readyTasks: number;
  /** Share of robots busy with a task (the rest are free). */
  readonly busyShare: number;
}

export interface StressResult extends StressCase {
  readonly policy: string;
  readonly facilityNodes: number;
  readonly rounds: number;
  readonly firstMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /**
   * The same rounds in CPU time of the process (all its threads, the collector's included): on a machine shared with
   * other work, wall time also counts the time the bench waited for a core.
   */
  readonly p50CpuMs: number;
  readonly p99CpuMs: number;
  readonly assigned: number;
  readonly degraded: boolean;
  /** Some round solved over the candidate pairs only (near the optimum; MinCostPolicy `candidates`). */
  readonly sparse: boolean;
}

/**
 * Planning rounds at scale: a generated building for the fleet, `robots` robots spread over it (some busy), and
 * `readyTasks` tasks waiting. The policy plans `rounds` times a snapshot that changes a little between rounds, as a
 * dispatcher in service sees it: a second passes, one ready task leaves the queue (taken or cancelled) and a new one
 * arrives in its place, so every round prices one task it never saw (its route searches) and the round caches earn
 * only what they would in service. The first round pays for all the route searches, which a running dispatcher has
 * done long before; it is reported apart. Latency in wall time; `onRound` gets each round's.
 */
export function stressPolicy(policy: () => DispatchPolicy, c: StressCase, rounds: number, seed = 1, onRound?: (round: number, ms: number) => void): StressResult {
  const floors = Math.max(3, Math.ceil(c.robots / 40));
  const { facility: json, scenario: scenarioJson } = generateWorld({ robots: c.robots, floors, tasksPerHour: c.readyTasks * 4, hours: 0.5, seed });
  const facility = loadFacility(json);
  const scenario = loadScenario(scenarioJson, facility);
  const random = seededRandom(deriveSeed(seed, 7));
  const now = scenario.startMs + 3_600_000;
  const nodes = facility.nodes.filter((n) => n.kind !== 'elevator');
  const tasks: Task[] = [];
  /** A ready task like the scenario's `index`-th (wrapping round), raised before `at`, due within the hour after it. */
  const readyTask = (index: number, id: string, at: number, raisedWithinMs: number): Task => {
    const { input } = scenarioTaskInput(scenario, scenario.tasks[index % scenario.tasks.length]!);
    const created = createTask({ ...input, deadline: undefined }, { id, now: at - Math.floor(random() * raisedWithinMs), facility });
    return { ...created.task, deadline: at + Math.floor(random() * 3_600_000) };
  };
  const initial = c.readyTasks + Math.ceil(c.robots * c.busyShare);
  for (let index = 0; index < Math.min(initial, scenario.tasks.length); index++) tasks.push(readyTask(index, scenario.tasks[index]!.id, now, 1_800_000));
  const robots: DispatchRobot[] = scenario.robots.map((r, i) => {
    const busyTask = i < c.robots * c.busyShare ? tasks[c.readyTasks + i] : undefined;
    const base: DispatchRobot = {
      id: `${r.manufacturer}:${r.serialNumber}`,
      manufacturer: r.manufacturer,
      serialNumber: r.serialNumber,
      name: r.serialNumber,
      actions: [...r.actions, 'startCharging', 'stopCharging', 'cancelOrder'],
      speed: r.speed,
      connection: 'ONLINE',
      lastNodeId: nodes[Math.floor(random() * nodes.length)]!.id,
      battery: 40 + random() * 60,
      charging: false,
      driving: busyTask !== undefined,
      paused: false,
      working: false,
      errors: [],
      inService: true,
    };
    if (!busyTask) return base;
    const accepted = transition(busyTask, 'accepted', { now, cause: { kind: 'system' }, robotId: base.id }).task;
    tasks[c.readyTasks + i] = accepted;
    return { ...base, currentTaskId: accepted.id, missionId: `${accepted.id}:1` };
  });
  const instance = policy();
  const latencies: number[] = [];
  const cpu: number[] = [];
  let assigned = 0;
  let degraded = false;
  let sparse = false;
  let roundTasks = tasks;
  for (let i = 0; i < rounds; i++) {
    const at = now + i * 1_000;
    if (i > 0) {
      // one ready task leaves, a new one arrives in its place (the busy robots' tasks, at the end, stay)
      roundTasks = [...roundTasks];
      roundTasks[Math.floor(random() * c.readyTasks)] = readyTask(initial + i, `arrived-${i}`, at, 1);
    }
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const decisions = instance.plan({ now: at, facility, robots, tasks: roundTasks, config: DEFAULT_DISPATCH_CONFIG });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    latencies.push(ms);
    cpu.push((used.user + used.system) / 1000);
    onRound?.(i, ms);
    assigned = decisions.filter((d) => d.kind === 'assign').length;
    const stats = (instance as { stats?: { degradedRounds: number; sparseRounds?: number } }).stats;
    degraded = (stats?.degradedRounds ?? 0) > 0;
    sparse = (stats?.sparseRounds ?? 0) > 0;
  }
  const steady = latencies.slice(1);
  const steadyCpu = cpu.slice(1);
  return {
    ...c,
    policy: instance.name,
    facilityNodes: (facility as Facility).nodes.length,
    rounds,
    firstMs: round(latencies[0]!, 2),
    p50Ms: round(percentile(steady, 50), 2),
    p99Ms: round(percentile(steady, 99), 2),
    maxMs: round(Math.max(...steady), 2),
    p50CpuMs: round(percentile(steadyCpu, 50), 2),
    p99CpuMs: round(percentile(steadyCpu, 99), 2),
    assigned,
    degraded,
    sparse,
  };
}
