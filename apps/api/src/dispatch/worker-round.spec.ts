import { planAvoidingRefusers } from '@opiekun/application';
import { DEFAULT_DISPATCH_CONFIG, loadFacility, MinCostPolicy, type Task } from '@opiekun/domain';
import { aRobot, smallFacilityJson } from '../../../../libs/domain/src/testing/small-facility.fixture';
import { roundPlanner, withoutRoute } from './worker-round';

const NOW = 1_000_000_000;
const aTask = (id: string, atNode: string): Task => ({
  id,
  type: 'test',
  priority: 'routine',
  spec: { kind: 'visit', atNode, action: 'pick' },
  requires: ['pick'],
  status: 'ready',
  attempt: 0,
  createdAt: NOW - 1000,
  updatedAt: NOW - 1000,
});

describe('the dispatch worker round', () => {
  const robots = [aRobot({ id: 'near', lastNodeId: 'B' }), aRobot({ id: 'far', lastNodeId: 'Q0' }), aRobot({ id: 'low', lastNodeId: 'A', battery: 25 })];
  const tasks = [aTask('t1', 'K'), aTask('t2', 'R1')];
  const snapshot = { now: NOW, robots, tasks, config: DEFAULT_DISPATCH_CONFIG };
  const wholeFleet = { robotIds: robots.map((r) => r.id), changedRobots: robots };

  it('decides what the policy decides inline, round after round (same memory), without routes', () => {
    const plan = roundPlanner({ facility: smallFacilityJson() as never, policy: 'min-cost' });
    const inline = new MinCostPolicy();
    const facility = loadFacility(smallFacilityJson());
    for (const now of [NOW, NOW + 1_000, NOW + 40_000]) {
      const expected = inline.plan({ ...snapshot, now, facility }).map(withoutRoute);
      const planned = plan({ snapshot: { ...snapshot, now }, robotIds: wholeFleet.robotIds, changedRobots: now === NOW ? robots : [], avoided: [] });
      expect(planned).toEqual(expected);
      expect(planned.some((d) => 'route' in d)).toBe(false);
      // plain data: it crosses to the api's thread by structured clone
      expect(structuredClone(planned)).toEqual(planned);
    }
  });

  it('keeps the robots it was sent: a round names the fleet and sends only the robots that changed', () => {
    const plan = roundPlanner({ facility: smallFacilityJson() as never, policy: 'min-cost' });
    const inline = new MinCostPolicy();
    const facility = loadFacility(smallFacilityJson());
    plan({ snapshot, ...wholeFleet, avoided: [] });
    inline.plan({ ...snapshot, facility });
    // 'near' went away to the kitchen and 'far' left the fleet
    const moved = { ...robots[0]!, lastNodeId: 'K' };
    const fleet = [moved, robots[2]!];
    const later = { ...snapshot, now: NOW + 60_000 };
    const planned = plan({ snapshot: later, robotIds: fleet.map((r) => r.id), changedRobots: [moved], avoided: [] });
    expect(planned).toEqual(inline.plan({ ...later, robots: fleet, facility }).map(withoutRoute));
    expect(() => plan({ snapshot: later, robotIds: ['far'], changedRobots: [], avoided: [] })).toThrow(/never sent/);
  });

  it('keeps a robot off a task it gave up, as DispatchService does inline', () => {
    const plan = roundPlanner({ facility: smallFacilityJson() as never, policy: 'min-cost' });
    const facility = loadFacility(smallFacilityJson());
    const first = plan({ snapshot, ...wholeFleet, avoided: [] }).find((d) => d.kind === 'assign' && d.taskId === 't1');
    expect(first).toMatchObject({ robotId: 'near' });
    const avoiding = roundPlanner({ facility: smallFacilityJson() as never, policy: 'min-cost' })({ snapshot, ...wholeFleet, avoided: [['t1', ['near']]] });
    const expected = planAvoidingRefusers(new MinCostPolicy(), { ...snapshot, facility }, new Map([['t1', new Set(['near'])]])).map(withoutRoute);
    expect(avoiding.filter((d) => d.kind === 'assign')).toEqual(expected.filter((d) => d.kind === 'assign'));
    expect(avoiding.find((d) => d.kind === 'assign' && d.taskId === 't1')).not.toMatchObject({ robotId: 'near' });
  });

  it('keeps a robot off a charger it refused lately: the refusals cross to the worker by structured clone, as the api sends them', () => {
    const plan = roundPlanner({ facility: smallFacilityJson() as never, policy: 'min-cost' });
    const request = structuredClone({ snapshot: { ...snapshot, tasks: [], refusedChargers: new Map([['low', new Set(['Q0'])]]) }, ...wholeFleet, avoided: [] });
    expect(plan(request).filter((d) => d.kind === 'charge')).toEqual([{ kind: 'charge', robotId: 'low', chargerNode: 'M1' }]);
  });
});
