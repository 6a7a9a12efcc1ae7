import { DEFAULT_DISPATCH_CONFIG } from '../dispatch/dispatch-policy';
import { estimateTrip, serviceSecondsOf } from '../dispatch/work-estimate';
import type { Facility } from '../facility/facility-graph';
import { canDo, type Robot } from '../robot/robot';
import { taskStops, type EscalationReason, type Task } from '../task/task';

export interface EscalationRules {
  /** A due task no robot can take goes to staff after waiting this long (robots reconnect, factsheets arrive). */
  readonly graceMs: number;
  /** Escalate when the best robot would finish later than this before the deadline. */
  readonly deadlineMarginMs: number;
}

export const DEFAULT_ESCALATION_RULES: EscalationRules = { graceMs: 60_000, deadlineMarginMs: 2 * 60_000 };

export interface EscalationCheck {
  readonly task: Task;
  readonly fleet: readonly Robot[];
  readonly facility: Facility;
  /** Epoch ms. */
  readonly now: number;
  /**
   * Since when (epoch ms) the watcher has seen this due task with no robot able or allowed to take it (see
   * `robotsFor`); undefined while some robot may.
   */
  readonly noRobotSince?: number;
}

/** Whether some robot of the fleet could take the task now. */
export function robotsFor(task: Task, fleet: readonly Robot[]): 'none-capable' | 'none-available' | 'available' {
  const capable = fleet.filter((robot) => canDo(robot, task.requires));
  if (capable.length === 0) return 'none-capable';
  return capable.some(mayWork) ? 'available' : 'none-available';
}

/** A robot that may be given work now: online, in service, without a fatal error. */
export function mayWork(robot: Robot): boolean {
  return robot.connection === 'ONLINE' && robot.inService && !robot.errors.some((e) => e.level === 'FATAL');
}

/**
 * Whether a queued robot task should go to the ward's staff on its own, and why. Only a due (`earliestStart` passed)
 * `ready` task of the fleet that was never escalated before is considered: once staff handed it back, only a robot's
 * failure sends it to them again.
 * - no robot of the fleet can do every action it needs → `no-capable-robot`;
 * - robots could, but none of them may work now (offline, out of service, fatal error) → `no-robot-available`;
 * - the best robot that may work would finish it later than `deadlineMarginMs` before its deadline →
 *   `deadline-at-risk` (an estimate: its trip from where it stands plus the task's service time).
 * The first two wait until no robot could take it for `graceMs`, so a robot that reconnects within it, or a factsheet
 * that arrives late, changes nothing.
 */
export function escalationDue(check: EscalationCheck, rules: EscalationRules = DEFAULT_ESCALATION_RULES): { reason: EscalationReason; detail?: string } | undefined {
  const { task, fleet, now } = check;
  if (task.status !== 'ready' || task.performer === 'staff' || task.escalation !== undefined) return undefined;
  if (task.earliestStart !== undefined && task.earliestStart > now) return undefined;
  const capable = fleet.filter((robot) => canDo(robot, task.requires));
  const waited = check.noRobotSince !== undefined && now - check.noRobotSince >= rules.graceMs;
  if (capable.length === 0) return waited ? { reason: 'no-capable-robot', detail: `needs ${task.requires.join(', ')}` } : undefined;
  const available = capable.filter(mayWork);
  if (available.length === 0) return waited ? { reason: 'no-robot-available', detail: `${capable.length} capable robot(s), none online and in service` } : undefined;
  if (task.deadline === undefined) return undefined;
  const finishMs = Math.min(...available.map((robot) => finishEstimateMs(task, robot, check.facility)));
  if (now + finishMs + rules.deadlineMarginMs < task.deadline) return undefined;
  return { reason: 'deadline-at-risk', detail: `due ${new Date(task.deadline).toISOString()}, a robot needs about ${Math.ceil(finishMs / 60_000)} min` };
}

function finishEstimateMs(task: Task, robot: Robot, facility: Facility): number {
  const stops = taskStops(task.spec).map((s) => s.node);
  const start = robot.lastNodeId !== undefined && facility.hasNode(robot.lastNodeId) ? robot.lastNodeId : stops[0]!;
  const trip = estimateTrip(facility, start, stops, robot.speed, serviceSecondsOf(task, DEFAULT_DISPATCH_CONFIG), DEFAULT_DISPATCH_CONFIG);
  return Number.isFinite(trip.totalS) ? trip.totalS * 1000 : Infinity;
}
