import type { DispatchDecision, DispatchPolicy, DispatchSnapshot, Facility } from '@opiekun/domain';
import { DispatchPlanner, type PlannedDecision, type PlanningSnapshot } from '../ports/dispatch-planner.port';
import type { TaskFailover } from './task-failover';

/**
 * Runs the policy — telling it who gave which task up (`DispatchSnapshot.avoided`) — then takes back every assignment of a task to a robot that already gave that task up and plans
 * the task again without those robots (and without robots this round already uses); a robot so taken back is then
 * planned again on its own, over the ready tasks nobody got this round and it has not given up — otherwise a robot
 * the policy keeps choosing for a task it refused would stand idle for as long as that task waits. Any policy thereby
 * keeps the failover rule "never straight back to the robot that refused"; refusals are rare, so the extra runs are too.
 */
export function planAvoidingRefusers(policy: DispatchPolicy, plain: DispatchSnapshot, avoided: ReadonlyMap<string, ReadonlySet<string>>): DispatchDecision[] {
  // (the policy is told too: min-cost then plans around the refusals, and the rest below finds nothing to take back)
  const snapshot: DispatchSnapshot = avoided.size > 0 ? { ...plain, avoided } : plain;
  const avoids = (taskId: string, robotId: string) => avoided.get(taskId)?.has(robotId) ?? false;
  const decisions = policy.plan(snapshot);
  const refused = (d: DispatchDecision) => d.kind === 'assign' && avoids(d.taskId, d.robotId);
  if (!decisions.some(refused)) return decisions;
  const used = new Set(decisions.filter((d) => !refused(d) && d.kind !== 'unassignable').map((d) => (d as { robotId: string }).robotId));
  const assigned = new Set(decisions.filter((d) => d.kind === 'assign' && !refused(d)).map((d) => (d as { taskId: string }).taskId));
  const takenBack: string[] = [];
  const result: DispatchDecision[] = [];
  for (const decision of decisions) {
    if (decision.kind !== 'assign' || !refused(decision)) {
      result.push(decision);
      continue;
    }
    takenBack.push(decision.robotId);
    const robots = snapshot.robots.filter((r) => !used.has(r.id) && !avoids(decision.taskId, r.id));
    const tasks = snapshot.tasks.filter((t) => t.status !== 'ready' || t.id === decision.taskId);
    const again = policy.plan({ ...snapshot, robots, tasks }).find((d) => d.kind === 'assign' && d.taskId === decision.taskId);
    if (again?.kind === 'assign') {
      result.push(again);
      used.add(again.robotId);
      assigned.add(again.taskId);
    }
  }
  for (const robotId of new Set(takenBack)) {
    const robot = snapshot.robots.find((r) => r.id === robotId);
    if (!robot || used.has(robotId)) continue;
    const tasks = snapshot.tasks.filter((t) => t.status !== 'ready' || (!assigned.has(t.id) && !avoids(t.id, robotId)));
    // only what concerns this robot: planned alone, a task others could do would read as unassignable
    const own = policy.plan({ ...snapshot, robots: [robot], tasks }).find((d) => (d.kind === 'assign' || d.kind === 'charge' || d.kind === 'park') && d.robotId === robotId);
    if (!own) continue;
    result.push(own);
    used.add(robotId);
    if (own.kind === 'assign') assigned.add(own.taskId);
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
    private readonly failover?: Pick<TaskFailover, 'avoidance'>,
  ) {
    super();
  }

  plan(snapshot: PlanningSnapshot): Promise<readonly PlannedDecision[]> {
    const full: DispatchSnapshot = { ...snapshot, facility: this.facility };
    const failover = this.failover;
    return Promise.resolve(failover ? planAvoidingRefusers(this.policy, full, failover.avoidance()) : this.policy.plan(full));
  }
}
