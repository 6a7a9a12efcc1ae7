import type { Random } from '@opiekun/robot-sim';

type Json = Record<string, unknown>;

export interface ScenarioSpec {
  readonly facility: Json & { id: string; nodes: Array<{ id: string; kind: string }> };
  readonly robots: number;
  readonly tasksPerHour: number;
  readonly hours: number;
  readonly seed: number;
  readonly random: Random;
  /** ISO start of the shift (default 2026-11-23T07:00:00+01:00). */
  readonly start?: string;
}

interface Kind {
  readonly type: string;
  readonly share: number;
  readonly make: (pick: <T>(xs: readonly T[]) => T, rooms: readonly string[], nodesOf: (kind: string) => string[]) => Json;
  readonly priorities: ReadonlyArray<[priority: string, share: number]>;
  readonly deadlineS: number;
  readonly serviceS: number;
}

const transport = (from: string, to: string, dropAction = 'drop'): Json => ({ from, to, pickAction: 'pick', dropAction, requires: ['pick', dropAction] });
const visit = (atNode: string, action: string): Json => ({ atNode, action, requires: [action] });

/** A care centre's day in broad strokes; shares and priorities differ from the demo file on purpose. */
const KINDS: readonly Kind[] = [
  { type: 'meal', share: 0.2, make: (p, rooms, of) => transport(p(of('kitchen')), p(rooms)), priorities: [['routine', 0.97], ['stat', 0.03]], deadlineS: 2_700, serviceS: 20 },
  { type: 'medication', share: 0.22, make: (p, rooms, of) => transport(p(of('pharmacy')), p(rooms), 'deliverMedication'), priorities: [['urgent', 0.9], ['asap', 0.06], ['stat', 0.04]], deadlineS: 1_800, serviceS: 60 },
  { type: 'linen', share: 0.14, make: (p, rooms, of) => transport(p(of('laundry')), p(rooms)), priorities: [['routine', 1]], deadlineS: 7_200, serviceS: 30 },
  { type: 'supplies', share: 0.12, make: (p, rooms, of) => transport(p(of('storage')), p(rooms)), priorities: [['routine', 0.95], ['asap', 0.05]], deadlineS: 5_400, serviceS: 20 },
  { type: 'lab-sample', share: 0.1, make: (p, rooms, of) => transport(p(rooms), p(of('lab'))), priorities: [['urgent', 0.9], ['stat', 0.1]], deadlineS: 2_400, serviceS: 20 },
  { type: 'vitals', share: 0.14, make: (p, rooms) => visit(p(rooms), 'measureVitals'), priorities: [['routine', 0.9], ['stat', 0.1]], deadlineS: 3_600, serviceS: 120 },
  { type: 'companion-call', share: 0.08, make: (p, rooms) => visit(p(rooms), 'telepresence'), priorities: [['routine', 1]], deadlineS: 5_400, serviceS: 600 },
];

/** Two robot kinds, as the simulator's generated fleet: carriers twice as many as care assistants. */
const ROBOT_KINDS = [
  { model: 'carrier', actions: ['pick', 'drop', 'deliverMedication'] },
  { model: 'carrier', actions: ['pick', 'drop', 'deliverMedication'] },
  { model: 'care-assistant', actions: ['measureVitals', 'telepresence', 'pick', 'drop'] },
];

/** A shift scenario (assets/scenarios/FORMAT.md) for a facility: Poisson arrivals at `tasksPerHour`, seeded. */
export function generateScenario(spec: ScenarioSpec): Json {
  const { random, facility } = spec;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const nodesOf = (kind: string) => facility.nodes.filter((n) => n.kind === kind).map((n) => n.id);
  const rooms = nodesOf('room');
  const chargers = nodesOf('charger');
  const robots = Array.from({ length: spec.robots }, (_, i) => ({
    manufacturer: 'GenSim',
    serialNumber: `G-${String(i + 1).padStart(4, '0')}`,
    ...ROBOT_KINDS[i % ROBOT_KINDS.length]!,
    start: chargers[i % chargers.length],
    speed: 1,
    battery: 60 + Math.round(random() * 40),
  }));
  const durationS = Math.round(spec.hours * 3600);
  const tasks: Json[] = [];
  for (let at = -Math.log(1 - random()) * (3600 / spec.tasksPerHour); at < durationS; at += -Math.log(1 - random()) * (3600 / spec.tasksPerHour)) {
    const kind = weighted(KINDS.map((k) => [k, k.share] as const), random);
    const priority = weighted(kind.priorities, random);
    tasks.push({ id: `gen-${String(tasks.length + 1).padStart(6, '0')}`, at: Math.round(at * 10) / 10, type: kind.type, priority, deadlineS: kind.deadlineS, serviceS: kind.serviceS, ...kind.make(pick, rooms, nodesOf) });
  }
  // every parameter in the id (and so in the file name): runs that differ in one do not overwrite each other's file
  return { id: `gen-${String(facility.id).replace(/^gen-/, '').replace(/-s\d+$/, '')}-${spec.tasksPerHour}tph-${spec.hours}h-s${spec.seed}`, facility: facility.id, start: spec.start ?? '2026-11-23T07:00:00+01:00', durationS, seed: spec.seed, robots, tasks };
}

function weighted<T>(options: ReadonlyArray<readonly [T, number]>, random: Random): T {
  let roll = random() * options.reduce((sum, [, share]) => sum + share, 0);
  for (const [value, share] of options) if ((roll -= share) <= 0) return value;
  return options[options.length - 1]![0];
}
