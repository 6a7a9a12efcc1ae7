import type { DispatchDecision, DispatchPolicy, DispatchSnapshot, Facility } from '@opiekun/domain';
import { DispatchPlanner, type PlannedDecision, type PlanningSnapshot } from '../ports/dispatch-planner.port';
import type { TaskFailover } from './task-failover';

/**
 * Runs the policy, then takes back every assignment of a task to a robot that already gave that task up and plans
 * the task again without those robots (and without robots this round already uses). Any policy thereby keeps the
 * failover rule "never straight back to the robot that refused"; refusals are rare, so the extra runs are too.
 */
export function planAvoidingRefusers(
  policy: DispatchPolicy,
  snapshot: DispatchSnapshot,
  avoids: (taskId: string, robotId: string) => boolean,
): DispatchDecision[] {
  const decisions = policy.plan(snapshot);
  const refused = (d: DispatchDecision) => d.kind === 'assign' && avoids(d.taskId, d.robotId);
  if (!decisions.some(refused)) return decisions;
  const used = new Set(decisions.filter((d) => !refused(d) && d.kind !== 'unassignable').map((d) => (d as { robotId: string }).robotId));
  const result: DispatchDecision[] = [];
  for (const decision of decisions) {
    if (decision.kind !== 'assign' || !refused(decision)) {
      result.push(decision);
      continue;
    }
    const robots = snapshot.robots.filter((r) => !used.has(r.id) && !avoids(decision.taskId, r.id));
    const tasks = snapshot.tasks.filter((t) => t.status !== 'ready' || t.id === decision.taskId);
    const again = policy.plan({ ...snapshot, robots, tasks }).find((d) => d.kind === 'assign' && d.taskId === decision.taskId);
    if (again?.kind === 'assign') {
      result.push(again);
      used.add(again.robotId);
    }
  }
  return result;
}

/**
 * Plans on the caller's event loop: the policy and its memory live here. What tests, the shift replay and an api
 * started with DISPATCH_WORKER=false use; the built api plans in a worker thread (WorkerDispatchPlanner), with the same
 * refusal rule.
 */
export class InlineDispatchPlanner extends DispatchPlanner {
  constructor(
    private readonly policy: DispatchPolicy,
    private readonly facility: Facility,
    /** Keeps robots off tasks they gave up; none are kept off without it. */
    private readonly failover?: Pick<TaskFailover, 'avoids'>,
  ) {
    super();
  }

  plan(snapshot: PlanningSnapshot): Promise<readonly PlannedDecision[]> {
    const full: DispatchSnapshot = { ...snapshot, facility: this.facility };
    const failover = this.failover;
    return Promise.resolve(failover ? planAvoidingRefusers(this.policy, full, (task, robot) => failover.avoids(task, robot)) : this.policy.plan(full));
  }
}
