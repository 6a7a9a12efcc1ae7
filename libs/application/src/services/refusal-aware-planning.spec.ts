import { DEFAULT_DISPATCH_CONFIG, loadFacility, MinCostPolicy, NearestIdlePolicy, type DispatchDecision, type DispatchPolicy, type Task, type TaskPriority } from '@opiekun/domain';
import { aRobot, smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { planAvoidingRefusers } from './refusal-aware-planning';

const NOW = 1_000_000_000;
const aTask = (id: string, atNode: string, priority: TaskPriority, age: number): Task => ({
  id,
  type: 'test',
  priority,
  spec: { kind: 'visit', atNode, action: 'pick' },
  requires: ['pick'],
  status: 'ready',
  attempt: 0,
  createdAt: NOW - age,
  updatedAt: NOW - age,
});
/** `near` gave the urgent task up (its order refused, say). */
const NEAR_REFUSED_URGENT = new Map([['urgent', new Set(['near'])]]);

describe('planAvoidingRefusers', () => {
  const facility = loadFacility(smallFacilityJson());
  const snapshot = (robots = [aRobot({ id: 'near', lastNodeId: 'B' })]) => ({
    now: NOW,
    facility,
    robots,
    // (the urgent one raised first: first come, first served picks it too)
    tasks: [aTask('urgent', 'K', 'urgent', 2_000), aTask('routine', 'R1', 'routine', 1_000)],
    config: DEFAULT_DISPATCH_CONFIG,
  });

  it.each<[string, () => DispatchPolicy]>([
    ['min-cost', () => new MinCostPolicy()],
    ['nearest-idle', () => new NearestIdlePolicy()],
  ])('gives a robot that refused the task the policy picks for it other work, not nothing (%s)', (_name, policy) => {
    // what the policy alone does: the only robot takes the urgent task
    expect(policy().plan(snapshot())).toContainEqual(expect.objectContaining({ kind: 'assign', taskId: 'urgent', robotId: 'near' }));

    const decisions = planAvoidingRefusers(policy(), snapshot(), NEAR_REFUSED_URGENT);
    const assigns = decisions.filter((d) => d.kind === 'assign');
    expect(assigns).toEqual([expect.objectContaining({ taskId: 'routine', robotId: 'near' })]);
  });

  it('min-cost plans around the refusal: the other robot takes the refused task, the refuser the next one', () => {
    const robots = [aRobot({ id: 'near', lastNodeId: 'B' }), aRobot({ id: 'far', lastNodeId: 'Q0' })];
    const assignsOf = (decisions: DispatchDecision[]) => decisions.filter((d) => d.kind === 'assign').map((d) => [d.taskId, d.robotId]);
    // without the refusal, near is the one for the urgent task
    expect(assignsOf(new MinCostPolicy().plan(snapshot(robots)))).toContainEqual(['urgent', 'near']);
    expect(assignsOf(planAvoidingRefusers(new MinCostPolicy(), snapshot(robots), NEAR_REFUSED_URGENT)).sort()).toEqual([
      ['routine', 'near'],
      ['urgent', 'far'],
    ]);
  });

  it('leaves the refuser idle when everything else is taken or refused too', () => {
    const decisions = planAvoidingRefusers(new MinCostPolicy(), snapshot(), new Map([['urgent', new Set(['near'])], ['routine', new Set(['near'])]]));
    expect(decisions.filter((d) => d.kind === 'assign')).toEqual([]);
  });
});
