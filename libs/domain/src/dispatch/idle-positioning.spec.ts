import { loadFacility } from '../facility/facility-loader';
import type { Task, TaskSpec } from '../task/task';
import { aRobot, smallFacilityJson } from '../testing/small-facility.fixture';
import { DemandMap } from './demand-map';
import { DEFAULT_DISPATCH_CONFIG, type DispatchDecision, type DispatchRobot } from './dispatch-policy';
import { planningFleet } from './fleet-state';
import { idleTrips, waitingPoints, type IdleOptions } from './idle-positioning';
import { Scarcity } from './scarcity';

// Times at 1 m/s: A→K 20 s, B→K 10 s, Q0→K 25 s, A→Q0 5 s; H1 is a corridor next to R1 (5 s); chargers Q0 and M1.
const facility = loadFacility(smallFacilityJson());
const NOW = 1_000_000_000;
const OPTIONS: IdleOptions = { chargeBelow: 40, chargeUntil: 90, moveGainS: 5, pointsPerHotspot: 6, minDemand: 5 };
const visit = (atNode: string, action = 'pick'): TaskSpec => ({ kind: 'visit', atNode, action });

function tasksAt(node: string, n: number, action = 'pick'): Task[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${node}-${action}-${i}`,
    type: 'test',
    priority: 'routine',
    spec: visit(node, action),
    requires: [action],
    status: 'ready',
    attempt: 0,
    createdAt: NOW - 1000 + i,
    updatedAt: NOW - 1000 + i,
  }));
}

function demandOf(...tasks: Task[][]): DemandMap {
  const demand = new DemandMap(3_600);
  demand.observe(tasks.flat(), NOW, () => 60);
  return demand;
}

function summary(decisions: DispatchDecision[]): string[] {
  return decisions.map((d) => (d.kind === 'park' ? `park ${d.robotId}@${d.node}` : d.kind === 'charge' ? `charge ${d.robotId}@${d.chargerNode}` : d.kind));
}

function trips(robots: DispatchRobot[], demand: DemandMap, more: { workWaiting?: boolean; recharging?: string[]; options?: Partial<IdleOptions> } = {}): string[] {
  const fleet = planningFleet(robots, [], facility, DEFAULT_DISPATCH_CONFIG);
  const idle = fleet.filter((r) => r.freeNow);
  return summary(idleTrips(idle, fleet, facility, demand, { ...OPTIONS, ...more.options }, more.workWaiting ?? false, new Map(), new Set(more.recharging ?? [])));
}

describe('idle robots: charging with hysteresis', () => {
  it.each<[string, Partial<DispatchRobot>, { workWaiting?: boolean; recharging?: string[] }, string[]]>([
    ['under chargeBelow: to the charger', { lastNodeId: 'B', battery: 35 }, {}, ['charge r@Q0']],
    ['at chargeBelow: not yet', { lastNodeId: 'B', battery: 40 }, {}, []],
    ['under chargeBelow but ready work waits: not for comfort', { lastNodeId: 'B', battery: 35 }, { workWaiting: true }, []],
    ['on a charger, recharging and under chargeUntil: charges there', { lastNodeId: 'Q0', battery: 70 }, { recharging: ['r'] }, ['charge r@Q0']],
    ['on a charger, never went low: does not charge', { lastNodeId: 'Q0', battery: 70 }, {}, []],
    ['on a charger, recharging, at chargeUntil: does not charge', { lastNodeId: 'Q0', battery: 90 }, { recharging: ['r'] }, []],
    ['already charging: left alone', { lastNodeId: 'Q0', battery: 30, charging: true }, {}, []],
  ])('%s', (_what, robot, more, expected) => {
    expect(trips([aRobot({ id: 'r', ...robot })], new DemandMap(), more)).toEqual(expected);
  });
});

describe('idle robots: waiting where work starts (learnt demand)', () => {
  it('waiting points are corridors and chargers, never rooms, service rooms or elevators', () => {
    const points = waitingPoints(facility, ['K', 'R1'], 1, 10);
    expect(points.every((p) => ['corridor', 'charger'].includes(facility.findNode(p)!.kind))).toBe(true);
    expect(points).toContain('B');
    expect(points).toContain('H1');
  });

  it('waiting points are kept per hotspot and number of points (asked again, in any order, the same answer)', () => {
    const one = waitingPoints(facility, ['K'], 1, 1);
    const all = waitingPoints(facility, ['K'], 1, 10);
    expect(one).toHaveLength(1);
    expect(all.length).toBeGreaterThan(1);
    expect(all[0]).toBe(one[0]);
    expect(waitingPoints(facility, ['K'], 1, 1)).toEqual(one);
    expect(waitingPoints(facility, ['R1', 'K'], 1, 10)).toEqual([...new Set([...waitingPoints(facility, ['R1'], 1, 10), ...all])]);
  });

  it.each<[string, DispatchRobot[], Task[][], string[]]>([
    ['nothing known of the work: stays', [aRobot({ id: 'r', lastNodeId: 'Q0', battery: 95 })], [], []],
    ['one task is no pattern (minDemand 5): stays', [aRobot({ id: 'r', lastNodeId: 'Q0', battery: 95 })], [tasksAt('K', 1)], []],
    ['work starts at the kitchen: moves next to it', [aRobot({ id: 'r', lastNodeId: 'Q0', battery: 95 })], [tasksAt('K', 6)], ['park r@B']],
    ['already next to it: stays', [aRobot({ id: 'r', lastNodeId: 'B', battery: 95 })], [tasksAt('K', 6)], []],
    [
      'two places of work, two robots: one near each (R1 is in a 0.5 m/s zone: H1 → R1 20 s, M1 → R1 30 s)',
      [aRobot({ id: 'a', lastNodeId: 'Q0', battery: 95 }), aRobot({ id: 'b', lastNodeId: 'A', battery: 95 })],
      [tasksAt('K', 6), tasksAt('R1', 6)],
      ['park a@B', 'park b@H1'],
    ],
    [
      'a robot that cannot do the work there is not sent for it',
      [aRobot({ id: 'nurse', lastNodeId: 'Q0', battery: 95, actions: ['measureVitals'] })],
      [tasksAt('K', 6)],
      [],
    ],
  ])('%s', (_what, robots, tasks, expected) => {
    expect(trips(robots, demandOf(...tasks)).sort()).toEqual(expected.sort());
  });

  it('a mixed fleet: each robot judged at its own speed (the fast one goes next to the work, not the slow one)', () => {
    // the slow robot (0.1 m/s, at Q0: 250 s from the kitchen) would take 150 s to reach B; the fast one (1 m/s, at A)
    // 10 s, and gains more there
    const robots = [aRobot({ id: 'a-slow', lastNodeId: 'Q0', battery: 80, speed: 0.1 }), aRobot({ id: 'z-fast', lastNodeId: 'A', battery: 95, speed: 1 })];
    expect(trips(robots, demandOf(tasksAt('K', 6)))).toEqual(['park z-fast@B']);
  });

  it('a small gain is not worth a move (moveGainS)', () => {
    // from A the kitchen is 20 s away, from B 10 s: 10 s to gain
    expect(trips([aRobot({ id: 'r', lastNodeId: 'A', battery: 95 })], demandOf(tasksAt('K', 6)), { options: { moveGainS: 15 } })).toEqual([]);
    expect(trips([aRobot({ id: 'r', lastNodeId: 'A', battery: 95 })], demandOf(tasksAt('K', 6)), { options: { moveGainS: 5 } })).toEqual(['park r@B']);
  });
});

describe('scarcity: the opportunity cost of versatile robots', () => {
  const carrier = aRobot({ id: 'carrier', actions: ['pick', 'drop'] });
  const nurse = aRobot({ id: 'nurse', actions: ['pick', 'drop', 'measureVitals'] });
  const key = (r: DispatchRobot) => r.actions.join('\u0000');

  it.each<[string, Array<[string, number]>, DispatchRobot, string[], number]>([
    ['no exclusive work lately: nothing', [['pick', 0.5]], nurse, ['pick'], 0],
    ['vitals only the nurse does, 0.6 robot-s/s: a pick costs it 0.6 s a second', [['measureVitals', 0.6]], nurse, ['pick'], 0.6],
    ['the nurse doing vitals: its own work, nothing', [['measureVitals', 0.6]], nurse, ['measureVitals'], 0],
    ['a carrier doing a pick: nothing to lose', [['measureVitals', 0.6]], carrier, ['pick'], 0],
  ])('%s', (_what, rates, robot, need, expected) => {
    const scarcity = new Scarcity([carrier, nurse], new Map(rates));
    expect(scarcity.perWorkSecond(robot, key(robot), need.join('\u0000'), need)).toBeCloseTo(expected, 6);
  });

  it('the demand map learns work rates by need: a steady stream tends to rate × work', () => {
    const demand = new DemandMap(600);
    // one 120-s vitals task a minute for two hours: 2 robot-seconds of vitals per second
    for (let minute = 0; minute < 120; minute++) {
      const at = NOW + minute * 60_000;
      demand.observe(tasksAt('R1', 1, 'measureVitals').map((t) => ({ ...t, id: `v${minute}`, createdAt: at, updatedAt: at })), at, () => 120);
    }
    expect(demand.workRateByNeed().get('measureVitals')).toBeCloseTo(2, 0);
  });
});
