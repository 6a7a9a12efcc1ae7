import { planAvoidingRefusers, type PlannedDecision, type PlanningSnapshot } from '@opiekun/application';
import { EarliestFinishPolicy, loadFacility, MinCostPolicy, type DispatchDecision, type DispatchPolicy, type FacilityData } from '@opiekun/domain';

export type PolicyName = 'min-cost' | 'earliest-finish';

/** The api's dispatch policy by its configured name (`DISPATCH_POLICY`). */
export function dispatchPolicy(name: PolicyName): DispatchPolicy {
  return name === 'earliest-finish' ? new EarliestFinishPolicy() : new MinCostPolicy();
}

/** What the dispatch worker is started with. */
export interface PlannerInit {
  readonly facility: FacilityData;
  readonly policy: PolicyName;
}

/**
 * One round for the worker: the snapshot — its fleet as the ids in order and only the robots that changed since the
 * last round (the worker keeps the others) — and, per task, the robots that gave it up (TaskFailover.avoidance).
 */
export interface RoundRequest {
  readonly snapshot: Omit<PlanningSnapshot, 'robots'>;
  readonly robotIds: readonly string[];
  readonly changedRobots: PlanningSnapshot['robots'];
  readonly avoided: ReadonlyArray<readonly [taskId: string, robotIds: readonly string[]]>;
}

/**
 * A decision without the policy's route, as plain data: an assign decision's route is worked out when read (a
 * getter), and sending it to the other thread would read it; the dispatcher builds each order's route itself.
 */
export function withoutRoute(decision: DispatchDecision): PlannedDecision {
  switch (decision.kind) {
    case 'assign':
      return { kind: 'assign', taskId: decision.taskId, robotId: decision.robotId, finishAt: decision.finishAt };
    case 'charge':
      return { kind: 'charge', robotId: decision.robotId, chargerNode: decision.chargerNode };
    case 'park':
      return { kind: 'park', robotId: decision.robotId, node: decision.node };
    default:
      return decision;
  }
}

/**
 * The worker's side of a round, as a plain function (the worker file only wires it to its port): the policy, with its
 * memory, lives here for the worker's life, and plans exactly as DispatchService would inline — the same snapshot
 * with the facility, the same rule to keep robots off tasks they gave up (planAvoidingRefusers).
 */
export function roundPlanner(init: PlannerInit): (request: RoundRequest) => PlannedDecision[] {
  const facility = loadFacility(init.facility);
  const policy = dispatchPolicy(init.policy);
  const fleet = new Map<string, PlanningSnapshot['robots'][number]>();
  return ({ snapshot, robotIds, changedRobots, avoided }) => {
    for (const robot of changedRobots) fleet.set(robot.id, robot);
    const robots = robotIds.map((id) => {
      const robot = fleet.get(id);
      if (!robot) throw new Error(`dispatch worker: robot ${id} was never sent`);
      return robot;
    });
    if (fleet.size > robots.length) for (const id of [...fleet.keys()]) if (!robotIds.includes(id)) fleet.delete(id);
    const refusers = new Map(avoided.map(([taskId, ids]) => [taskId, new Set(ids)]));
    const decisions = planAvoidingRefusers(policy, { ...snapshot, robots, facility }, refusers);
    return decisions.map(withoutRoute);
  };
}
