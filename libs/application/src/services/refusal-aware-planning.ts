import type { DispatchDecision, DispatchPolicy, DispatchSnapshot } from '@opiekun/domain';

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
