import { loadFacility } from '../facility/facility-loader';
import { routerFor } from '../facility/routing';
import type { Task, TaskSpec } from '../task/task';
import { aRobot, smallFacilityJson } from '../testing/small-facility.fixture';
import { costOf, DEFAULT_COST_WEIGHTS, offer, taskFacts, type Slot } from './cost-model';
import { DEFAULT_DISPATCH_CONFIG, type DispatchConfig, type DispatchDecision, type DispatchRobot } from './dispatch-policy';
import { planningFleet } from './fleet-state';
import { MinCostPolicy } from './min-cost.policy';
import { preemptable, statPreemptions } from './stat-preemption';

// Times at 1 m/s on the small building: A→K 20 s, A→R1 55 s, R1→K 55 s, R2→K 60 s, A→Q0 5 s; chargers Q0, M1.
const facility = loadFacility(smallFacilityJson());
const NOW = 1_000_000_000;
const config: Required<DispatchConfig> = { ...DEFAULT_DISPATCH_CONFIG, batteryReserve: 20, batteryDrainPerMeter: 0.1, batteryDrainPerSecondWorking: 0, defaultServiceS: 30 };
const visit = (atNode: string, action = 'pick'): TaskSpec => ({ kind: 'visit', atNode, action });
const transport = (from: string, to: string): TaskSpec => ({ kind: 'transport', from, to, pickAction: 'pick', dropAction: 'drop' });

function aTask(id: string, spec: TaskSpec, more: Partial<Task> = {}): Task {
  const actions = spec.kind === 'visit' ? [spec.action] : spec.kind === 'transport' ? [spec.pickAction, spec.dropAction] : [];
  return { id, type: 'test', priority: 'routine', spec, requires: actions, status: 'ready', attempt: 0, createdAt: NOW - 1000, updatedAt: NOW - 1000, ...more };
}

function slotOf(robot: DispatchRobot, more: Partial<Slot> = {}): Slot {
  const [planning] = planningFleet([robot], [], facility, config);
  return { robot: planning!, freeInS: 0, freeAt: robot.lastNodeId!, vertex: routerFor(facility).vertexOf(robot.lastNodeId!), battery: robot.battery, workAboveMeanS: 0, ...more };
}

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

const plan = (robots: DispatchRobot[], tasks: Task[]) => summary(new MinCostPolicy().plan({ now: NOW, facility, robots, tasks, config }));

describe('cost model', () => {
  const facts = (task: Task) => taskFacts(task, facility, config, DEFAULT_COST_WEIGHTS, 1)!;

  it.each<[string, Partial<Task>, number, number]>([
    // [what, task, finish s, expected cost]
    ['routine, no deadline: its finish time', {}, 100, 100],
    ['stat weighs 16 times as much', { priority: 'stat' }, 100, 1600],
    ['urgent twice', { priority: 'urgent' }, 100, 200],
    ['a deadline far away changes nothing', { deadline: NOW + 3_600_000 }, 100, 100],
    ['within the risk window: + (300 − slack)', { deadline: NOW + 300_000 }, 100, 100 + 100],
    ['at the deadline: the whole risk', { deadline: NOW + 100_000 }, 100, 100 + 300],
    ['late by 50 s: + 10 × 50 and the whole risk', { deadline: NOW + 50_000 }, 100, 100 + 500 + 300],
    ['late and stat: all times 16', { priority: 'stat', deadline: NOW + 50_000 }, 100, 16 * 900],
  ])('%s', (_what, more, finishS, expected) => {
    expect(costOf(facts(aTask('t', visit('K'), more)), finishS, NOW, DEFAULT_COST_WEIGHTS)).toBeCloseTo(expected, 6);
  });

  it('counts the robot’s current work, the drive to the first stop, the legs and the service', () => {
    const o = offer(slotOf(aRobot({ id: 'r', lastNodeId: 'A' }), { freeInS: 40 }), facts(aTask('t', transport('K', 'R1'))), NOW, config, DEFAULT_COST_WEIGHTS);
    expect(o).toMatchObject({ finishS: 40 + 20 + 55 + 30, cost: 40 + 20 + 55 + 30 });
  });

  it('adds a robot’s work above the fleet mean, so work spreads (fairness)', () => {
    const o = offer(slotOf(aRobot({ id: 'r', lastNodeId: 'A' }), { workAboveMeanS: 1000 }), facts(aTask('t', visit('K'))), NOW, config, DEFAULT_COST_WEIGHTS);
    expect(o!.cost).toBeCloseTo(20 + 30 + 0.01 * 1000, 6);
  });

  describe('battery feasibility: the work and then the drive to the nearest charger must leave the reserve', () => {
    // visit K from A: 20 m (2 %), then K → nearest charger Q0: 25 m (2.5 %); reserve 20 %
    it.each<[number | undefined, boolean]>([
      [100, true],
      [24.5, true],
      [24.4, false],
      [21, false],
      [undefined, true],
    ])('at %s %%: feasible %s', (battery, feasible) => {
      const o = offer(slotOf(aRobot({ id: 'r', lastNodeId: 'A', battery })), facts(aTask('t', visit('K'))), NOW, config, DEFAULT_COST_WEIGHTS);
      expect(o !== undefined).toBe(feasible);
    });

    it('a robot that cannot afford the only task charges instead of taking it', () => {
      expect(plan([aRobot({ id: 'low', lastNodeId: 'A', battery: 23 })], [aTask('t', visit('K'))])).toEqual(['charge low@Q0']);
    });
  });
});

describe('MinCostPolicy', () => {
  it('is named for the benchmark', () => {
    expect(new MinCostPolicy().name).toBe('min-cost');
  });

  it.each<[string, DispatchRobot[], Task[], string[]]>([
    [
      'one robot, a stat and a routine task: the stat one, although younger',
      [aRobot({ id: 'r', lastNodeId: 'A' })],
      [aTask('routine', visit('K'), { createdAt: NOW - 5000 }), aTask('stat', visit('R1'), { priority: 'stat' })],
      ['stat→r'],
    ],
    [
      'two robots, two tasks: the pairing with the least weighted total (urgent counts twice)',
      // near (A): K 20 s, B 10 s; far (R2): K 60 s, B 50 s; +30 s service: 2×50 + 80 = 180 beats 2×90 + 40 = 220
      [aRobot({ id: 'near', lastNodeId: 'A' }), aRobot({ id: 'far', lastNodeId: 'R2' })],
      [aTask('k', visit('K'), { priority: 'urgent' }), aTask('b', visit('B'))],
      ['k→near', 'b→far'],
    ],
    [
      'only a robot able to do every action',
      [aRobot({ id: 'carrier', lastNodeId: 'K' }), aRobot({ id: 'nurse', lastNodeId: 'R2', actions: ['measureVitals'] })],
      [aTask('vitals', visit('K', 'measureVitals'))],
      ['vitals→nurse'],
    ],
    ['a task no robot can do is unassignable', [aRobot({ id: 'r' })], [aTask('call', visit('R1', 'telepresence'))], ['call unassignable: no-capable-robot']],
    ['stops no route joins are unassignable', [aRobot({ id: 'r' })], [aTask('island', transport('K', 'Z'))], ['island unassignable: no-route']],
    ['nothing for a robot settling after a cancel', [aRobot({ id: 'r', lastNodeId: 'K', working: true })], [aTask('t', visit('K'))], []],
  ])('%s', (_what, robots, tasks, expected) => {
    expect(plan(robots, tasks).filter((d) => !d.startsWith('charge') && !d.startsWith('park'))).toEqual(expected);
  });

  describe('a task waits for a busy robot only when it gains more than the margin', () => {
    // busy: free at K in 5 s → done in 35 s; free: at R2, 60 s from K → done in 90 s; the busy one gains 55 s
    const robots = [
      aRobot({ id: 'busy', lastNodeId: 'B', currentTaskId: 'x', missionId: 'x:1', workload: { kind: 'task', remainingS: 5, endNode: 'K' } }),
      aRobot({ id: 'free', lastNodeId: 'R2' }),
    ];
    it.each<[number | undefined, string[]]>([
      [0, []],
      [30, []],
      [54, []],
      [56, ['t→free']],
      [undefined, ['t→free']], // the configuration's waitForBusyMarginS, 60 s
    ])('margin %s s → %j', (waitMarginS, expected) => {
      const policy = new MinCostPolicy(waitMarginS === undefined ? {} : { waitMarginS });
      expect(summary(policy.plan({ now: NOW, facility, robots, tasks: [aTask('t', visit('K'))], config })).filter((d) => !d.startsWith('park'))).toEqual(expected);
    });
  });

  it('does not keep work waiting for a robot whose task is on hold (waiting for a nurse: how long is up to a person)', () => {
    // standing at K with a delivery there: were it free after a stop's service, it would do the pick at K in 60 s,
    // the free robot at R2 in 90 s, and the task would wait for it round after round while nobody comes
    const held = aTask('x', visit('K', 'drop'), { status: 'on-hold', robotId: 'waiting', attempt: 1 });
    const waiting = aRobot({ id: 'waiting', lastNodeId: 'K', currentTaskId: 'x', missionId: 'x:1', working: true });
    const free = aRobot({ id: 'free', lastNodeId: 'R2' });
    const inProgress = { ...held, status: 'in-progress' as const };
    const fleet = (task: Task) => planningFleet([waiting, free], [task], facility, config);
    expect(fleet(held)[0]).toMatchObject({ available: false, freeNow: false });
    expect(fleet(inProgress)[0]).toMatchObject({ available: true, freeNow: false, freeInS: 30 });
    for (const policy of [new MinCostPolicy({ waitMarginS: 0 }), new MinCostPolicy()]) {
      const decisions = summary(policy.plan({ now: NOW, facility, robots: [waiting, free], tasks: [held, aTask('t', visit('K'))], config }));
      expect(decisions.filter((d) => d.includes('→'))).toEqual(['t→free']);
    }
    // once it goes on (the nurse took it) it is planned again as busy for the rest of its task
    const goingOn = summary(new MinCostPolicy({ waitMarginS: 0 }).plan({ now: NOW, facility, robots: [waiting, free], tasks: [inProgress, aTask('t', visit('K'))], config }));
    expect(goingOn.filter((d) => d.includes('→'))).toEqual([]);
  });

  it('sends an idle, low robot to charge (opportunistic charging)', () => {
    expect(plan([aRobot({ id: 'r', lastNodeId: 'A', battery: 35 })], [])).toEqual(['charge r@Q0']);
  });

  it('never sends a robot to a charger it refused lately: the other one (a low robot, an idle one), or none', () => {
    const refusing = (chargers: string[]) => new Map([['r', new Set(chargers)]]);
    const planWith = (battery: number, chargers: string[]) =>
      summary(new MinCostPolicy().plan({ now: NOW, facility, robots: [aRobot({ id: 'r', lastNodeId: 'A', battery })], tasks: [], config, refusedChargers: refusing(chargers) }));
    expect(planWith(10, ['Q0'])).toEqual(['charge r@M1']);
    expect(planWith(35, ['Q0'])).toEqual(['charge r@M1']);
    expect(planWith(10, ['Q0', 'M1'])).toEqual([]);
    // another robot's refusal is not this one's
    expect(summary(new MinCostPolicy().plan({ now: NOW, facility, robots: [aRobot({ id: 'r', lastNodeId: 'A', battery: 10 })], tasks: [], config, refusedChargers: new Map([['other', new Set(['Q0'])]]) }))).toEqual(['charge r@Q0']);
  });

  it('never sends a robot to charge whose factsheet has no startCharging (it would refuse the order), however low', () => {
    expect(plan([aRobot({ id: 'r', lastNodeId: 'A', battery: 35, actions: ['pick', 'drop'] })], [])).toEqual([]);
    expect(plan([aRobot({ id: 'r', lastNodeId: 'A', battery: 10, actions: ['pick', 'drop'] })], [])).toEqual([]);
  });

  it('leaves an idle robot with enough battery where it is when nothing is known of the work to come', () => {
    expect(plan([aRobot({ id: 'r', lastNodeId: 'B', battery: 90 })], [])).toEqual([]);
  });

  it('keeps its ready order between rounds: the same plans as a fresh policy while tasks come, go and change', () => {
    // one robot (fairness then weighs nothing) and more tasks than the window of 8: which tasks are in the window is
    // decided by the order kept between rounds; a fresh policy sorts everything
    const priorities = ['routine', 'urgent', 'stat'] as const;
    const nodes = ['K', 'B', 'R1', 'R2'];
    let state = 17;
    const random = (n: number) => (state = (state * 16_807) % 2_147_483_647) % n;
    const robots = [aRobot({ id: 'r', lastNodeId: 'A' })];
    let tasks = Array.from({ length: 14 }, (_, i) => aTask(`t${i}`, visit(nodes[i % 4]!), { priority: priorities[random(3)], deadline: NOW + 60_000 * (1 + random(30)) }));
    const kept = new MinCostPolicy();
    for (let round = 0; round < 40; round++) {
      const now = NOW + round * 1000;
      const assigns = (policy: MinCostPolicy) => summary(policy.plan({ now, facility, robots, tasks, config })).filter((d) => d.includes('→'));
      expect(assigns(kept)).toEqual(assigns(new MinCostPolicy()));
      // a task leaves, one arrives, one changes priority (a new version of it)
      tasks.splice(random(tasks.length), 1);
      tasks.push(aTask(`n${round}`, visit(nodes[random(4)]!), { priority: priorities[random(3)], deadline: now + 60_000 * (1 + random(30)) }));
      const changed = random(tasks.length);
      tasks = tasks.map((t, i) => (i === changed ? { ...t, priority: priorities[random(3)], updatedAt: now } : t));
    }
  });

  it('never sends two robots to the same charger in one round (a charge trip of the plan and one of an idle robot)', () => {
    // both under 40 %: "low" is under the reserve (the plan sends it), "mid" only under the opportunistic threshold
    const decisions = plan([aRobot({ id: 'low', lastNodeId: 'A', battery: 15 }), aRobot({ id: 'mid', lastNodeId: 'B', battery: 35 })], []);
    const chargers = decisions.filter((d) => d.startsWith('charge')).map((d) => d.split('@')[1]);
    expect(chargers).toHaveLength(2);
    expect(new Set(chargers).size).toBe(2);
  });

  it('a robot on its way to wait at a charger holds it: a low robot is sent to another one', () => {
    const policy = new MinCostPolicy();
    const parked = aRobot({ id: 'parked', lastNodeId: 'B', battery: 90 });
    const first = policy.plan({ now: NOW, facility, robots: [parked], tasks: [], config });
    // (it is parked at Q0 through the decision below, as a round that places idle robots would)
    expect(first).toEqual([]);
    const trips = (policy as unknown as { trips: Map<string, { node: string; charger: boolean; arriveAt: number }> }).trips;
    trips.set('parked', { node: 'Q0', charger: false, arriveAt: NOW + 60_000 });
    const driving = { ...parked, missionId: 'park:parked:1', driving: true };
    const decisions = summary(policy.plan({ now: NOW + 1000, facility, robots: [driving, aRobot({ id: 'low', lastNodeId: 'A', battery: 15 })], tasks: [], config }));
    expect(decisions).toEqual(['charge low@M1']);
  });

  it('work only busy robots can do does not crowd out work a free robot could do now', () => {
    // nine vitals tasks for the busy nurse (more than the window of 8) and one pick the free carrier can do
    const nurse = aRobot({ id: 'nurse', lastNodeId: 'R2', actions: ['measureVitals'], currentTaskId: 'x', missionId: 'x:1', workload: { kind: 'task', remainingS: 3_600, endNode: 'R2' } });
    const carrier = aRobot({ id: 'carrier', lastNodeId: 'A' });
    const vitals = Array.from({ length: 9 }, (_, i) => aTask(`v${i}`, visit('R1', 'measureVitals'), { priority: 'urgent' }));
    expect(plan([nurse, carrier], [...vitals, aTask('pick', visit('K'))]).filter((d) => d.includes('→'))).toEqual(['pick→carrier']);
  });

  it('a task at a node the building does not have is unassignable, and the others are still planned', () => {
    const robots = [aRobot({ id: 'r', lastNodeId: 'A' })];
    expect(plan(robots, [aTask('gone', visit('GONE')), aTask('k', visit('K'))])).toEqual(['gone unassignable: no-route', 'k→r']);
  });

  it('a robot busy with a task whose end node the building does not have is left out, not a failed round', () => {
    const busy = aRobot({ id: 'busy', lastNodeId: 'A', currentTaskId: 'old', missionId: 'old:1' });
    const old = aTask('old', visit('GONE'), { status: 'in-progress', robotId: 'busy', attempt: 1 });
    expect(plan([busy, aRobot({ id: 'free', lastNodeId: 'B' })], [old, aTask('k', visit('K'))]).filter((d) => d.includes('→'))).toEqual(['k→free']);
  });

  it('a task id twice in one snapshot goes to one robot only', () => {
    const robots = [aRobot({ id: 'a', lastNodeId: 'A' }), aRobot({ id: 'b', lastNodeId: 'B' })];
    const twice = aTask('t', visit('K'));
    expect(plan(robots, [twice, { ...twice }]).filter((d) => d.includes('→'))).toHaveLength(1);
    expect(plan(robots, [twice, { ...twice, updatedAt: twice.updatedAt + 1 }]).filter((d) => d.includes('→'))).toHaveLength(1);
  });

  it('forgets what it knew of robots that left the fleet (work ledger, trips, recharging)', () => {
    const policy = new MinCostPolicy();
    const memory = policy as unknown as { ledger: Map<string, number>; trips: Map<string, unknown>; recharging: Set<string> };
    policy.plan({ now: NOW, facility, robots: [aRobot({ id: 'gone', lastNodeId: 'A', battery: 35 }), aRobot({ id: 'a', lastNodeId: 'B' })], tasks: [aTask('t', visit('K'))], config });
    expect([memory.ledger.has('gone') || memory.ledger.has('a'), memory.trips.has('gone'), memory.recharging.has('gone')]).toEqual([true, true, true]);
    policy.plan({ now: NOW + 1000, facility, robots: [aRobot({ id: 'a', lastNodeId: 'B' }), aRobot({ id: 'b', lastNodeId: 'K' })], tasks: [], config });
    policy.plan({ now: NOW + 2000, facility, robots: [aRobot({ id: 'a', lastNodeId: 'B' }), aRobot({ id: 'b', lastNodeId: 'K' })], tasks: [], config });
    expect([memory.ledger.has('gone'), memory.trips.has('gone'), memory.recharging.has('gone')]).toEqual([false, false, false]);
  });

  it('reports degraded rounds when the assignment is over its budget', () => {
    const policy = new MinCostPolicy({ budget: 0 });
    policy.plan({ now: NOW, facility, robots: [aRobot({ id: 'a' }), aRobot({ id: 'b' })], tasks: [aTask('t', visit('K')), aTask('u', visit('B'))], config });
    expect(policy.stats).toEqual({ rounds: 1, degradedRounds: 1, sparseRounds: 0 });
  });

  describe('stat preemption', () => {
    const current = (spec: TaskSpec, more: Partial<Task> = {}) => aTask('routine', spec, { status: 'in-progress', robotId: 'busy', attempt: 1, ...more });
    const busyRobot = (more: Partial<DispatchRobot> = {}) =>
      aRobot({ id: 'busy', lastNodeId: 'A', actions: ['pick', 'drop', 'measureVitals'], currentTaskId: 'routine', missionId: 'routine:1', loaded: false, driving: true, ...more });
    // only the busy robot can measure vitals; the free one cannot
    const farFree = aRobot({ id: 'far', lastNodeId: 'R2', actions: ['pick', 'drop'] });
    const stat = aTask('stat', visit('K', 'measureVitals'), { priority: 'stat' });

    it.each<[string, Task, Partial<DispatchRobot>, string[]]>([
      ['a routine transport not yet loaded gives way', current(transport('R1', 'R2')), {}, ['preempt busy off routine for stat']],
      ['a routine visit gives way, even while its action runs', current(visit('R2')), { working: true, loaded: undefined }, ['preempt busy off routine for stat']],
      ['not a transport with something on board', current(transport('R1', 'R2')), { loaded: true }, []],
      ['not a transport whose robot does not report loads', current(transport('R1', 'R2')), { loaded: undefined }, []],
      ['not a transport while an action runs', current(transport('R1', 'R2')), { working: true }, []],
      ['not urgent work', current(transport('R1', 'R2'), { priority: 'urgent' }), {}, []],
      ['not a task given back once already', current(transport('R1', 'R2'), { attempt: 2 }), {}, []],
    ])('%s', (_what, task, robot, expected) => {
      const decisions = plan([busyRobot({ ...robot, workload: { kind: 'task', remainingS: 600, endNode: 'R2' } }), farFree], [task, stat]);
      expect(decisions.filter((d) => !d.startsWith('charge') && !d.startsWith('park'))).toEqual(expected);
    });

    it('not a robot kept off the stat task (it gave it up, or its order is over the robot’s limits): its routine work goes on', () => {
      const robots = [busyRobot({ workload: { kind: 'task', remainingS: 600, endNode: 'R2' } }), farFree];
      const tasks = [current(transport('R1', 'R2')), stat];
      const avoided = new Map([['stat', new Set(['busy'])]]);
      const decisions = summary(new MinCostPolicy().plan({ now: NOW, facility, robots, tasks, config, avoided }));
      expect(decisions.filter((d) => d.startsWith('preempt'))).toEqual([]);
    });

    it('two stat tasks: the free robot a preemption releases takes the second one, rather than a second routine task being cancelled', () => {
      // the plan sends the free robot (at A) to the stat task at K (done in 50 s); the busy robot standing at K does it
      // in 40 s (gain 10 s > margin 5 s): preempted, and the free robot released. The second stat task, at B, had no
      // robot in the plan: the released one does it in 40 s, as soon as the busy robot standing at B would — so it
      // goes to the released robot, and no second routine task is cancelled.
      const free = aRobot({ id: 'free', lastNodeId: 'A', actions: ['measureVitals'] });
      const busyAt = (id: string, node: string, task: string) =>
        aRobot({ id, lastNodeId: node, actions: ['pick', 'drop', 'measureVitals'], currentTaskId: task, missionId: `${task}:1`, loaded: false, driving: true, workload: { kind: 'task', remainingS: 600, endNode: 'R2' } });
      const routineOf = (id: string, robotId: string) => aTask(id, transport('R1', 'R2'), { status: 'in-progress', robotId, attempt: 1 });
      const robots = [free, busyAt('x', 'K', 'rx'), busyAt('y', 'B', 'ry')];
      const work = [routineOf('rx', 'x'), routineOf('ry', 'y')];
      const fleet = planningFleet(robots, work, facility, config);
      const need = (task: Task, plannedFinishS: number, plannedRobot?: (typeof fleet)[number]) => ({ task, factsAt: (speed: number) => taskFacts(task, facility, config, DEFAULT_COST_WEIGHTS, speed), plannedFinishS, plannedRobot });
      const atK = aTask('atK', visit('K', 'measureVitals'), { priority: 'stat' });
      const atB = aTask('atB', visit('B', 'measureVitals'), { priority: 'stat' });
      const result = statPreemptions([need(atK, 50, fleet[0]), need(atB, Infinity)], fleet, new Map(work.map((t) => [t.id, t])), facility, config, 5);
      expect(summary(result.decisions)).toEqual(['preempt x off rx for atK']);
      expect(result.reassigned.map((r) => [r.task.id, r.robot.robot.id, r.finishS])).toEqual([['atB', 'free', 40]]);

      // the same through the policy: its plan sends the free robot to the task at K (the one at B is overdue, so it
      // costs more anywhere), then the preemption for K releases it and it takes B
      const overdue = { ...atB, deadline: NOW - 100_000 };
      const planned = summary(new MinCostPolicy({ preemptMarginS: 5 }).plan({ now: NOW, facility, robots, tasks: [...work, atK, overdue], config }));
      expect(planned.filter((d) => !d.startsWith('charge') && !d.startsWith('park')).sort()).toEqual(['atB→free', 'preempt x off rx for atK']);
    });

    it('not when a free robot is nearly as quick', () => {
      const nearFree = aRobot({ id: 'near', lastNodeId: 'B', actions: ['measureVitals'] });
      const decisions = plan([busyRobot({ workload: { kind: 'task', remainingS: 600, endNode: 'R2' } }), nearFree], [current(transport('R1', 'R2')), stat]);
      expect(decisions).toEqual(['stat→near']);
    });

    it.each<[string, Partial<Task>, Partial<DispatchRobot>, boolean]>([
      ['routine transport, empty', {}, { loaded: false }, true],
      ['one not yet confirmed (accepted)', { status: 'accepted' }, { loaded: false }, true],
      ['already done once', { attempt: 2 }, { loaded: false }, false],
      ['asap work', { priority: 'asap' }, { loaded: false }, false],
      ['waiting to start (ready)', { status: 'ready' }, { loaded: false }, false],
    ])('preemptable: %s → %s', (_what, task, robot, expected) => {
      expect(preemptable(current(transport('R1', 'R2'), task), busyRobot(robot))).toBe(expected);
    });
  });
});
