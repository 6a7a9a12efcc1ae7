import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadFacility } from '../facility/facility-loader';
import type { Robot } from '../robot/robot';
import type { Task, TaskPriority, TaskSpec } from '../task/task';
import { aRobot, smallFacilityJson } from '../testing/small-facility.fixture';
import type { DispatchConfig, DispatchDecision, DispatchRobot } from './dispatch-policy';
import { EarliestFinishPolicy, tasksToPlan } from './earliest-finish.policy';

// Times at 1 m/s on the small building: A→K 20 s, A→R1 55 s, R1→K 55 s, R2→K 60 s, A→Q0 5 s. 0.1 % battery a metre.
const facility = loadFacility(smallFacilityJson());
const NOW = 1_000_000;
const config: DispatchConfig = { batteryReserve: 20, batteryDrainPerMeter: 0.1, batteryDrainPerSecondWorking: 0, defaultServiceS: 30, waitForBusyMarginS: 60 };
const policy = new EarliestFinishPolicy();

const visit = (atNode: string, action = 'pick'): TaskSpec => ({ kind: 'visit', atNode, action });
const transport = (from: string, to: string): TaskSpec => ({ kind: 'transport', from, to, pickAction: 'pick', dropAction: 'drop' });

function aTask(id: string, spec: TaskSpec, more: Partial<Task> = {}): Task {
  const actions = spec.kind === 'visit' ? [spec.action] : spec.kind === 'transport' ? [spec.pickAction, spec.dropAction] : [];
  return { id, type: 'test', priority: 'routine', spec, requires: actions, status: 'ready', attempt: 0, createdAt: NOW - 1000, updatedAt: NOW - 1000, ...more };
}

function plan(robots: DispatchRobot[], tasks: Task[], overrides: Partial<DispatchConfig> = {}): DispatchDecision[] {
  return policy.plan({ now: NOW, facility, robots, tasks, config: { ...config, ...overrides } });
}

/** Decisions in a compact form: `task→robot`, `charge robot@node`, `task unassignable: reason`. */
function summary(decisions: DispatchDecision[]): string[] {
  return decisions.map((d) => {
    switch (d.kind) {
      case 'assign':
        return `${d.taskId}→${d.robotId}`;
      case 'charge':
        return `charge ${d.robotId}@${d.chargerNode}`;
      case 'park':
        return `park ${d.robotId}@${d.node}`;
      case 'preempt':
        return `preempt ${d.robotId} off ${d.taskId} for ${d.forTaskId}`;
      case 'unassignable':
        return `${d.taskId} unassignable: ${d.reason}`;
    }
  });
}

describe('tasksToPlan: the order tasks are given out', () => {
  const t = (id: string, priority: TaskPriority, deadline?: number, createdAt = 0, more: Partial<Task> = {}) =>
    aTask(id, visit('K'), { priority, createdAt, ...(deadline === undefined ? {} : { deadline }), ...more });

  it.each<[string, Task[], string[]]>([
    ['higher priority first, whatever its age', [t('r', 'routine', 5, 0), t('u', 'urgent', 9, 1), t('s', 'stat', 99, 2), t('a', 'asap', 1, 3)], ['s', 'a', 'u', 'r']],
    ['then earliest deadline, none last', [t('none', 'urgent'), t('late', 'urgent', 900), t('soon', 'urgent', 100)], ['soon', 'late', 'none']],
    ['then the oldest', [t('young', 'routine', undefined, 50), t('old', 'routine', undefined, 10)], ['old', 'young']],
    ['only ready ones', [t('ready', 'routine'), t('busy', 'stat', undefined, 0, { status: 'accepted', robotId: 'x' }), t('held', 'stat', undefined, 0, { status: 'on-hold' })], ['ready']],
    ['not before their earliest start', [t('later', 'stat', undefined, 0, { earliestStart: NOW + 1 }), t('now', 'routine', undefined, 0, { earliestStart: NOW })], ['now']],
  ])('%s', (_what, tasks, order) => {
    expect(tasksToPlan(tasks, NOW).map((x) => x.id)).toEqual(order);
  });
});

describe('EarliestFinishPolicy', () => {
  it('is named so benchmarks can tell policies apart', () => {
    expect(policy.name).toBe('earliest-finish-v1');
  });

  it.each<[string, Robot[], Task[], string[]]>([
    [
      'the stat task takes the nearer robot although the routine one is older',
      [aRobot({ id: 'near', lastNodeId: 'A' }), aRobot({ id: 'far', lastNodeId: 'R1' })],
      [aTask('routine', visit('K'), { createdAt: 1 }), aTask('stat', visit('K'), { priority: 'stat', createdAt: 2 })],
      ['stat→near', 'routine→far'],
    ],
    [
      'a robot gets one task a round',
      [aRobot({ id: 'r1', lastNodeId: 'A' })],
      [aTask('t1', visit('K')), aTask('t2', visit('B'))],
      ['t1→r1'],
    ],
    [
      'only a robot able to do every action is considered',
      [aRobot({ id: 'carrier', lastNodeId: 'K' }), aRobot({ id: 'nurse', lastNodeId: 'R2', actions: ['measureVitals'] })],
      [aTask('vitals', visit('K', 'measureVitals'))],
      ['vitals→nurse'],
    ],
    [
      'a task no robot of the fleet can do, online or not, is unassignable',
      [aRobot({ id: 'r1' }), aRobot({ id: 'r2', connection: 'OFFLINE', actions: ['pick'] })],
      [aTask('call', visit('R1', 'telepresence'))],
      ['call unassignable: no-capable-robot'],
    ],
    [
      'an offline robot that could do it keeps it assignable, just not now',
      [aRobot({ id: 'r1' }), aRobot({ id: 'r2', connection: 'OFFLINE', actions: ['telepresence'] })],
      [aTask('call', visit('R1', 'telepresence'))],
      [],
    ],
    [
      'stops no route joins make a task unassignable',
      [aRobot({ id: 'r1' })],
      [aTask('island', transport('K', 'Z'))],
      ['island unassignable: no-route'],
    ],
    [
      'a task that may not start yet waits',
      [aRobot({ id: 'r1' })],
      [aTask('later', visit('K'), { earliestStart: NOW + 60_000 })],
      [],
    ],
  ])('%s', (_what, robots, tasks, expected) => {
    expect(summary(plan(robots, tasks))).toEqual(expected);
  });

  it.each<[string, Partial<Robot>]>([
    ['offline', { connection: 'OFFLINE' }],
    ['connection broken', { connection: 'CONNECTIONBROKEN' }],
    ['out of service', { inService: false }],
    ['paused', { paused: true }],
    ['in FATAL error', { errors: [{ type: 'motor', level: 'FATAL' }] }],
    ['at no known node', { lastNodeId: undefined }],
    ['at a node the facility lacks', { lastNodeId: 'F9-X' }],
  ])('gives nothing to a robot %s, and the next one gets it', (_what, state) => {
    const robots = [aRobot({ id: 'near', lastNodeId: 'K', ...state }), aRobot({ id: 'far', lastNodeId: 'R2' })];
    expect(summary(plan(robots, [aTask('t', visit('K'))]))).toEqual(['t→far']);
  });

  it('still uses a robot with only a WARNING', () => {
    const robots = [aRobot({ id: 'near', lastNodeId: 'K', errors: [{ type: 'dust', level: 'WARNING' }] }), aRobot({ id: 'far', lastNodeId: 'R2' })];
    expect(summary(plan(robots, [aTask('t', visit('K'))]))).toEqual(['t→near']);
  });

  describe('battery', () => {
    // the visit at K from A drives 20 m: 2 % at 0.1 %/m
    it.each<[number | undefined, string[]]>([
      [100, ['t→r1']],
      [22, ['t→r1']],
      [21.9, ['charge r1@Q0']],
      [19, ['charge r1@Q0']],
      [undefined, ['t→r1']],
    ])('a free robot at %s %% with a 2 %% task: %j', (battery, expected) => {
      expect(summary(plan([aRobot({ id: 'r1', lastNodeId: 'A', battery })], [aTask('t', visit('K'))]))).toEqual(expected);
    });

    it.each<[string, DispatchRobot[], string[]]>([
      ['under the reserve, to the nearest charger', [aRobot({ id: 'low', lastNodeId: 'A', battery: 10 })], ['charge low@Q0']],
      ['a second low robot to the next free one', [aRobot({ id: 'a', lastNodeId: 'A', battery: 10 }), aRobot({ id: 'b', lastNodeId: 'A', battery: 15 })], ['charge a@Q0', 'charge b@M1']],
      ['not to a charger another robot stands at', [aRobot({ id: 'low', lastNodeId: 'A', battery: 10 }), aRobot({ id: 'docked', lastNodeId: 'Q0', battery: 90 })], ['charge low@M1']],
      [
        'not to a charger another robot drives to',
        [aRobot({ id: 'low', lastNodeId: 'A', battery: 10 }), aRobot({ id: 'going', lastNodeId: 'B', missionId: 'c1', workload: { kind: 'charge', remainingS: 20, endNode: 'Q0' } })],
        ['charge low@M1'],
      ],
      ['to the charger it stands at', [aRobot({ id: 'low', lastNodeId: 'M1', battery: 10 })], ['charge low@M1']],
      ['not when charging already', [aRobot({ id: 'low', lastNodeId: 'Q0', battery: 10, charging: true })], []],
      ['not when busy with a task', [aRobot({ id: 'low', lastNodeId: 'A', battery: 10, currentTaskId: 'x', workload: { kind: 'task', remainingS: 30, endNode: 'K' } })], []],
      ['nowhere when every charger is taken', [aRobot({ id: 'low', lastNodeId: 'A', battery: 10 }), aRobot({ id: 'q', lastNodeId: 'Q0' }), aRobot({ id: 'm', lastNodeId: 'M1' })], []],
    ])('sends a robot to charge: %s', (_what, robots, expected) => {
      expect(summary(plan(robots, []))).toEqual(expected);
    });

    it('lets a charging robot work once the task leaves it above the reserve', () => {
      const robot = aRobot({ id: 'r1', lastNodeId: 'Q0', battery: 40, charging: true });
      expect(summary(plan([robot], [aTask('t', visit('K'))]))).toEqual(['t→r1']);
    });

    it('gives the task to a robot that can afford it rather than to a nearer one that cannot', () => {
      const robots = [aRobot({ id: 'near', lastNodeId: 'K', battery: 22.5 }), aRobot({ id: 'far', lastNodeId: 'R2', battery: 90 })];
      // the transport K→R1 drives 30 m (3 %): near would end at 19.5 %, far (60 m, 6 %) at 84 %
      expect(summary(plan(robots, [aTask('t', transport('K', 'R1'))]))).toEqual(['t→far', 'charge near@Q0']);
    });
  });

  describe('earliest finish counts the work a robot still has', () => {
    // visit at K with 30 s of service; a free robot at R2 finishes in 60 + 30 = 90 s
    const task = aTask('t', visit('K'));
    const free = aRobot({ id: 'free', lastNodeId: 'R2' });
    const busy = (remainingS: number) =>
      aRobot({ id: 'busy', lastNodeId: 'B', currentTaskId: 'other', workload: { kind: 'task', remainingS, endNode: 'K' } });

    it.each<[number, number, string[]]>([
      // busy robot finishes the task at remainingS + 0 + 30
      [10, 30, []], // 40 s vs 90 s: more than 30 s better, so the task waits for it
      [40, 30, ['t→free']], // 70 s vs 90 s: only 20 s better, not worth waiting
      [10, 60, ['t→free']], // 40 s vs 90 s with a 60 s margin: not worth waiting
      [100, 0, ['t→free']], // 130 s: the free robot is simply earlier
    ])('busy for %s s, margin %s s: %j', (remainingS, margin, expected) => {
      expect(summary(plan([busy(remainingS), free], [task], { waitForBusyMarginS: margin }))).toEqual(expected);
    });

    it('books the awaited busy robot, so a lesser task does not wait for it too', () => {
      const lesser = aTask('lesser', visit('K'), { createdAt: NOW });
      expect(summary(plan([busy(10), free], [task, lesser], { waitForBusyMarginS: 30 }))).toEqual(['lesser→free']);
    });

    it('estimates the remaining work from the current task when the caller gives none', () => {
      // busy at A with an accepted visit at K: 20 s + 30 s, then the new task at K: +30 s = 80 s against 90 s
      const current = aTask('current', visit('K'), { status: 'accepted', robotId: 'busy', attempt: 1 });
      const robot = aRobot({ id: 'busy', lastNodeId: 'A', currentTaskId: 'current' });
      expect(summary(plan([robot, free], [task, current], { waitForBusyMarginS: 5 }))).toEqual([]);
      expect(summary(plan([robot, free], [task, current], { waitForBusyMarginS: 15 }))).toEqual(['t→free']);
    });

    it('does not count on a busy robot whose task it cannot see', () => {
      const robot = aRobot({ id: 'busy', lastNodeId: 'K', currentTaskId: 'unknown' });
      expect(summary(plan([robot, free], [task], { waitForBusyMarginS: 0 }))).toEqual(['t→free']);
    });
  });

  it('hands out the route through every stop and when it should be done', () => {
    const [decision] = plan([aRobot({ id: 'r1', lastNodeId: 'A' })], [aTask('t', transport('K', 'R1'), { serviceS: 10 })]);
    expect(decision).toMatchObject({
      kind: 'assign',
      route: { nodes: ['A', 'B', 'K', 'B', 'L0', 'L1', 'H1', 'R1'], durationS: 20 + 55 },
      finishAt: NOW + (20 + 55 + 10) * 1000,
    });
  });

  // Speed is measured by `npm run bench:scale`, not asserted here (a timed test fails on a loaded machine).
  it('plans a thousand robots and five hundred tasks on the demo building, each task to its own robot', () => {
    const demo = loadFacility(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../assets/facilities/mco-demo.json'), 'utf8')));
    const corridors = demo.nodesOfKind('corridor').map((n) => n.id);
    const rooms = demo.nodesOfKind('room').map((n) => n.id);
    const robots = Array.from({ length: 1000 }, (_, i) => aRobot({ id: `r${i}`, lastNodeId: corridors[i % corridors.length], battery: 30 + (i % 70) }));
    const tasks = Array.from({ length: 500 }, (_, i) => aTask(`t${i}`, transport('F0-kitchen', rooms[i % rooms.length]!), { createdAt: i }));
    const decisions = policy.plan({ now: NOW, facility: demo, robots, tasks, config });
    const assigned = decisions.flatMap((d) => (d.kind === 'assign' ? [d.robotId] : []));
    expect(assigned).toHaveLength(500);
    expect(new Set(assigned).size).toBe(500);
  });
});
